"""Demo content for the newsroom, from ../shared/seed/ only.

The seed's press release is French; its English and Spanish versions are ours. The
other releases only state facts from seed/facts.md, and each shows one publication
rule on the running site: scheduled (embargoed), draft, withdrawn, Spanish missing.
Rows are found again by a stable slug, so loading twice leaves the same rows. The
organisation's demo (organisation.demo) is loaded first; its rows are looked up by
slug.
"""

import datetime
import zoneinfo

from django.utils import timezone, translation

from newsroom.core.publication import PublicationState, VersionState
from newsroom.models import (
    ContactPhone,
    Event,
    MediaContact,
    Page,
    PressRelease,
    Quote,
    ReleaseContact,
    Topic,
)
from organisation.models import Office, Person

READY = VersionState.READY
BAKU = zoneinfo.ZoneInfo("Asia/Baku")
GENEVA = zoneinfo.ZoneInfo("Europe/Zurich")
REGIONAL_OFFICE = "regional-office-vienna"
HEADQUARTERS = "headquarters"


def tr(field, en=None, fr=None, es=None):
    """The per-language values of a translated field; None leaves a language empty."""
    return {f"{field}_en": en, f"{field}_fr": fr, f"{field}_es": es}


def states(en=VersionState.MISSING, fr=VersionState.MISSING, es=VersionState.MISSING):
    return tr("version_state", en, fr, es)


def paragraphs(*texts):
    return "".join(f"<p>{text}</p>" for text in texts)


TOPICS = {
    "migration-governance": {
        **tr(
            "name",
            "Migration governance",
            "Gouvernance des migrations",
            "Gobernanza de la migración",
        ),
        **tr(
            "slug",
            "migration-governance",
            "gouvernance-des-migrations",
            "gobernanza-de-la-migracion",
        ),
    },
    "2030-agenda": {
        **tr("name", "2030 Agenda", "Programme 2030", "Agenda 2030"),
        **tr("slug", "2030-agenda", "programme-2030", "agenda-2030"),
    },
    "partnerships": {
        **tr("name", "Partnerships", "Partenariats", "Alianzas"),
        **tr("slug", "partnerships", "partenariats", "alianzas"),
    },
    "leadership": {
        **tr("name", "Leadership", "Direction", "Dirección"),
        **tr("slug", "leadership", "direction", "direccion"),
    },
}

# The seed's menu, with short texts made of the seed's own sentences.
PAGES = [
    {
        **tr("title", "Our work", "Notre travail", "Nuestro trabajo"),
        **tr("slug", "our-work", "notre-travail", "nuestro-trabajo"),
        **tr(
            "body",
            paragraphs(
                "As the leading intergovernmental organization promoting humane and "
                "orderly migration since 1951, IOM plays a key role in supporting "
                "the achievement of the 2030 Agenda through different areas of "
                "intervention that link both humanitarian assistance and sustainable "
                "development."
            ),
            paragraphs(
                "En tant que principale organisation intergouvernementale qui promeut "
                "depuis 1951 une migration humaine et ordonnée, l’OIM joue un rôle "
                "clé pour soutenir la réalisation du Programme 2030 à travers "
                "différents domaines d’intervention qui relient à la fois l’aide "
                "humanitaire et le développement durable."
            ),
            paragraphs(
                "Como principal organización intergubernamental que promueve desde "
                "1951 una migración humana y ordenada, la OIM desempeña un papel "
                "clave en el apoyo a la consecución de la Agenda 2030 a través de "
                "diferentes ámbitos de intervención que vinculan la asistencia "
                "humanitaria y el desarrollo sostenible."
            ),
        ),
    },
    {
        **tr("title", "Partnerships", "Partenariats", "Alianzas"),
        **tr("slug", "partnerships", "partenariats", "alianzas"),
        **tr(
            "body",
            "<h2>Where we work</h2>"
            + paragraphs("With 175 member states, IOM is present in 171 countries."),
            "<h2>Où travaillons-nous</h2>"
            + paragraphs(
                "Composée de 175 États membres, l’OIM est présente dans 171 pays."
            ),
            "<h2>Dónde trabajamos</h2>"
            + paragraphs(
                "Con 175 Estados miembros, la OIM está presente en 171 países."
            ),
        ),
    },
    {
        **tr("title", "Take action", "Agir", "Actuar"),
        **tr("slug", "take-action", "agir", "actuar"),
        **tr(
            "body",
            paragraphs(
                "Since 1951, IOM has promoted humane and orderly migration that "
                "benefits all."
            ),
            paragraphs(
                "Depuis 1951, l’OIM promeut une migration humaine et ordonnée qui "
                "profite à tous."
            ),
            paragraphs(
                "Desde 1951, la OIM promueve una migración humana y ordenada que "
                "beneficia a todos."
            ),
        ),
    },
    {
        **tr("title", "Work with us", "Travailler avec nous", "Trabaje con nosotros"),
        **tr("slug", "work-with-us", "travailler-avec-nous", "trabaje-con-nosotros"),
        **tr(
            "body",
            paragraphs(
                "The International Organization for Migration (IOM) is part of the "
                "United Nations system and is present in 171 countries."
            ),
            paragraphs(
                "L’Organisation internationale pour les migrations (OIM) fait partie "
                "du système des Nations unies et est présente dans 171 pays."
            ),
            paragraphs(
                "La Organización Internacional para las Migraciones (OIM) forma parte "
                "del sistema de las Naciones Unidas y está presente en 171 países."
            ),
        ),
    },
    {
        **tr("title", "Get involved", "Engagez-vous", "Participe"),
        **tr("slug", "get-involved", "engagez-vous", "participe"),
        **tr(
            "body",
            "<ul><li>Data and research</li><li>2030 Agenda</li></ul>",
            "<ul><li>Données et recherche</li><li>Programme 2030</li></ul>",
            "<ul><li>Datos e investigación</li><li>Agenda 2030</li></ul>",
        ),
    },
]

BAKU_RELEASE = {
    **tr(
        "title",
        "Regional Director at the Baku Summit: IOM shares the Non-Aligned "
        "Movement’s vision for peace and development",
        "La Directrice régionale au Sommet de Bakou : l’OIM partage la vision du "
        "Mouvement des pays non alignés pour la paix et le développement",
        "La Directora Regional en la Cumbre de Bakú: la OIM comparte la visión del "
        "Movimiento de Países No Alineados para la paz y el desarrollo",
    ),
    **tr(
        "slug",
        "regional-director-baku-summit-iom-non-aligned-movement",
        "directrice-regionale-sommet-bakou-oim-mouvement-pays-non-alignes",
        "directora-regional-cumbre-baku-oim-movimiento-paises-no-alineados",
    ),
    **tr("dateline_city", "Baku", "Bakou", "Bakú"),
    **tr(
        "lead",
        "An integrated response is essential for world peace, the stability of "
        "societies, sustainable development and the good governance of migration. "
        "That was IOM’s key message at the 18th Summit of Heads of State and "
        "Government of the Non-Aligned Movement, held in Baku, Azerbaijan, on 25 "
        "October.",
        "Une réponse intégrée est essentielle pour la paix dans le monde, la "
        "stabilité des sociétés, le développement durable et la bonne gestion des "
        "migrations. C’était le message clé de l’OIM à l’occasion du XVIIIᵉ "
        "Sommet des Chefs d’État et de gouvernement du Mouvement des pays non "
        "alignés, qui a eu lieu à Bakou, en Azerbaïdjan, le 25 octobre.",
        "Una respuesta integrada es esencial para la paz mundial, la estabilidad de "
        "las sociedades, el desarrollo sostenible y la buena gestión de la "
        "migración. Ese fue el mensaje clave de la OIM en la XVIII Cumbre de Jefes "
        "de Estado y de Gobierno del Movimiento de Países No Alineados, celebrada "
        "en Bakú, Azerbaiyán, el 25 de octubre.",
    ),
    **tr(
        "body",
        paragraphs(
            "Speaking on behalf of IOM Director General António Vitorino, the "
            "Regional Director for South-Eastern Europe, Eastern Europe and Central "
            "Asia, Argentina Szabados, praised the “essential role that the "
            "Non-Aligned Movement has played over its 60 years in its quest for a "
            "more peaceful and prosperous world.”",
            "Addressing more than 120 presidents, heads of state, prime ministers "
            "and their representatives, Ms Szabados highlighted IOM’s growing role "
            "in the United Nations system, notably its coordination of the United "
            "Nations Network on Migration.",
            "She traced the development of IOM’s future strategic vision and "
            "landscape, and explained how it would keep the Organization effective "
            "and responsive, close to migrants and governments, and focused on "
            "migration as an agent of development.",
        ),
        paragraphs(
            "S’exprimant au nom du Directeur général de l’OIM, António Vitorino, la "
            "Directrice régionale pour l’Europe du Sud-Est, l’Europe de l’Est et "
            "l’Asie centrale, Argentina Szabados a salué le « rôle essentiel que "
            "joue le Mouvement des non-alignés depuis ses 60 ans d’existence dans "
            "sa quête d’un monde plus pacifique et prospère. »",
            "S’exprimant devant plus de 120 présidents, chefs d’Etat, premiers "
            "ministres et leurs représentants, Mme Szabados a souligné le rôle "
            "croissant de l’OIM dans le système des Nations unies, notamment pour sa "
            "coordination du Réseau des Nations unies sur la migration.",
            "Elle a retracé l’évolution de la future vision stratégique et du "
            "paysage de l’OIM et a expliqué comment elle garantirait le maintien "
            "d’une Organisation efficace et réactive, caractérisée par sa proximité "
            "avec les migrants et les gouvernements et centrée sur la migration "
            "comme agent de développement.",
        ),
        paragraphs(
            "En nombre del Director General de la OIM, António Vitorino, la "
            "Directora Regional para Europa Sudoriental, Europa Oriental y Asia "
            "Central, Argentina Szabados, elogió el «papel esencial que desempeña "
            "el Movimiento de los No Alineados desde hace 60 años en su búsqueda de "
            "un mundo más pacífico y próspero».",
            "Ante más de 120 presidentes, jefes de Estado, primeros ministros y sus "
            "representantes, la Sra. Szabados destacó el papel creciente de la OIM "
            "en el sistema de las Naciones Unidas, en particular su coordinación de "
            "la Red de las Naciones Unidas sobre la Migración.",
            "Describió la evolución de la futura visión estratégica y del panorama "
            "de la OIM, y explicó cómo garantizaría una Organización eficaz y "
            "receptiva, cercana a los migrantes y a los gobiernos, y centrada en la "
            "migración como agente de desarrollo.",
        ),
    ),
    **tr(
        "notes_to_editors",
        paragraphs(
            "The Non-Aligned Movement is the largest forum for political "
            "coordination and consultation after the United Nations, with 120 "
            "member states from developing regions. Some 17 countries and 10 "
            "international organizations also have observer status."
        ),
        paragraphs(
            "Le Mouvement des non-alignés est le plus grand forum de coordination et "
            "de consultation politique après les Nations unies, composé de 120 "
            "États membres des régions en développement. Quelque 17 pays et 10 "
            "organisations internationales ont également un statut d’observateur."
        ),
        paragraphs(
            "El Movimiento de los No Alineados es el mayor foro de coordinación y "
            "consulta política después de las Naciones Unidas, con 120 Estados "
            "miembros de regiones en desarrollo. Unos 17 países y 10 organizaciones "
            "internacionales tienen además la condición de observador."
        ),
    ),
    "original_language": "fr",
    **states(READY, READY, READY),
    "state": PublicationState.PUBLISHED,
    "publish_at": datetime.datetime(2019, 10, 25, 18, 0, tzinfo=BAKU),
    "countries": ["AZ"],
}

# The Regional Director's words, out of the body into a structured quote.
BAKU_QUOTE = tr(
    "text",
    "We are, and will remain, able, with the help of our member states and other "
    "countries, to find tailored solutions to the different challenges of "
    "migration. We share a vision of peace, prosperity and development.",
    "Nous sommes et resterons capables, avec l’aide de nos États membres et "
    "d’autres pays, de trouver des solutions sur mesure aux différents défis de "
    "la migration. Nous partageons une vision de paix, de prospérité et de "
    "développement.",
    "Somos y seguiremos siendo capaces, con la ayuda de nuestros Estados miembros "
    "y de otros países, de encontrar soluciones a la medida de los distintos "
    "desafíos de la migración. Compartimos una visión de paz, prosperidad y "
    "desarrollo.",
)

SUMMIT = {
    **tr(
        "title",
        "18th Summit of Heads of State and Government of the Non-Aligned Movement",
        "XVIIIᵉ Sommet des Chefs d’État et de gouvernement du Mouvement des pays "
        "non alignés",
        "XVIII Cumbre de Jefes de Estado y de Gobierno del Movimiento de Países No "
        "Alineados",
    ),
    **tr(
        "slug",
        "xviiith-summit-non-aligned-movement-baku",
        "xviiie-sommet-mouvement-pays-non-alignes-bakou",
        "xviii-cumbre-movimiento-paises-no-alineados-baku",
    ),
    **tr(
        "description",
        paragraphs(
            "The Non-Aligned Movement has 120 member states; 17 countries and 10 "
            "international organizations have observer status."
        ),
        paragraphs(
            "Le Mouvement des non-alignés est composé de 120 États membres ; 17 pays "
            "et 10 organisations internationales ont un statut d’observateur."
        ),
        paragraphs(
            "El Movimiento de los No Alineados cuenta con 120 Estados miembros; 17 "
            "países y 10 organizaciones internacionales tienen la condición de "
            "observador."
        ),
    ),
    **tr("city", "Baku", "Bakou", "Bakú"),
    "country": "AZ",
    "start": datetime.datetime(2019, 10, 25, 0, 0, tzinfo=BAKU),
    "end": datetime.datetime(2019, 10, 25, 23, 59, tzinfo=BAKU),
    "time_zone": "Asia/Baku",
    "all_day": True,
    "status": Event.Status.SCHEDULED,
    "original_language": "fr",
    **states(READY, READY, READY),
    "state": PublicationState.PUBLISHED,
    "publish_at": datetime.datetime(2019, 10, 1, 9, 0, tzinfo=BAKU),
}

POPE_RELEASE = {
    **tr(
        "title",
        "Amy E. Pope takes office as Director General of IOM",
        "Amy E. Pope prend ses fonctions de Directrice générale de l’OIM",
    ),
    **tr(
        "slug",
        "amy-e-pope-takes-office-director-general",
        "amy-e-pope-prend-ses-fonctions-directrice-generale",
    ),
    **tr("dateline_city", "Geneva", "Genève"),
    **tr(
        "lead",
        "Amy E. Pope today took office as Director General of the International "
        "Organization for Migration (IOM), succeeding António Vitorino.",
        "Amy E. Pope a pris aujourd’hui ses fonctions de Directrice générale de "
        "l’Organisation internationale pour les migrations (OIM), succédant à "
        "António Vitorino.",
    ),
    **tr(
        "body",
        paragraphs(
            "The Director General is elected by the Council for a five-year term. "
            "Before her election, Ms Pope was Deputy Director General for "
            "Management and Reform.",
            "António Vitorino was Director General from 1 October 2018 to 30 "
            "September 2023.",
            "IOM, part of the United Nations system, was founded in 1951. It has "
            "175 member states and is present in 171 countries.",
        ),
        paragraphs(
            "Le Directeur général est élu par le Conseil pour un mandat de cinq "
            "ans. Avant son élection, Mme Pope était Directrice générale adjointe "
            "chargée de la gestion et des réformes.",
            "António Vitorino a été Directeur général du 1er octobre 2018 au 30 "
            "septembre 2023.",
            "L’OIM, qui fait partie du système des Nations unies, a été fondée en "
            "1951. Elle compte 175 États membres et est présente dans 171 pays.",
        ),
    ),
    "original_language": "en",
    **states(READY, READY, VersionState.MISSING),
    "state": PublicationState.PUBLISHED,
    "publish_at": datetime.datetime(2023, 10, 1, 9, 0, tzinfo=GENEVA),
    "countries": [],
}

VITORINO_RELEASE = {
    **tr(
        "title",
        "António Vitorino takes office as Director General of IOM",
        "António Vitorino prend ses fonctions de Directeur général de l’OIM",
    ),
    **tr(
        "slug",
        "antonio-vitorino-takes-office-director-general",
        "antonio-vitorino-prend-ses-fonctions-directeur-general",
    ),
    **tr("dateline_city", "Geneva", "Genève"),
    **tr(
        "lead",
        "António Vitorino today took office as Director General of the "
        "International Organization for Migration (IOM), succeeding William Lacy "
        "Swing.",
        "António Vitorino a pris aujourd’hui ses fonctions de Directeur général de "
        "l’Organisation internationale pour les migrations (OIM), succédant à "
        "William Lacy Swing.",
    ),
    **tr(
        "body",
        paragraphs(
            "William Lacy Swing was Director General from 1 October 2008 to 30 "
            "September 2018."
        ),
        paragraphs(
            "William Lacy Swing a été Directeur général du 1er octobre 2008 au 30 "
            "septembre 2018."
        ),
    ),
    "original_language": "en",
    **states(READY, READY, VersionState.MISSING),
    "state": PublicationState.WITHDRAWN,
    "publish_at": datetime.datetime(2018, 10, 1, 9, 0, tzinfo=GENEVA),
    # Withdrawn after it had been public: the API names it as withdrawn.
    "public_publish_at": datetime.datetime(2018, 10, 1, 9, 0, tzinfo=GENEVA),
    "countries": [],
}

STRUCTURE_RELEASE = {
    **tr(
        "title",
        "The Director General’s team: two Deputy Directors General and a Chief of "
        "Staff",
        "L’équipe du Directeur général : deux Directeurs généraux adjoints et un "
        "Chef de Cabinet",
        "El equipo del Director General: dos Directores Generales Adjuntos y un Jefe "
        "de Gabinete",
    ),
    **tr(
        "slug",
        "director-general-team-deputies-chief-of-staff",
        "equipe-directeur-general-adjoints-chef-de-cabinet",
        "equipo-director-general-adjuntos-jefe-de-gabinete",
    ),
    **tr("dateline_city", "Geneva", "Genève", "Ginebra"),
    **tr(
        "lead",
        "The Director General, elected by the Council for a five-year term, "
        "appoints two Deputy Directors General and a Chief of Staff for the "
        "duration of that term.",
        "Le Directeur général, élu par le Conseil pour un mandat de cinq ans, "
        "nomme deux Directeurs généraux adjoints et un Chef de Cabinet pour la "
        "durée de ce mandat.",
        "El Director General, elegido por el Consejo para un mandato de cinco años, "
        "nombra a dos Directores Generales Adjuntos y a un Jefe de Gabinete para la "
        "duración de ese mandato.",
    ),
    **tr(
        "body",
        "<h2>Deputy Director General for Management and Reform</h2>"
        "<ul><li>Financial and Administrative Management</li><li>Staff Health and "
        "Welfare</li><li>Global Shared Services</li><li>Change Management</li>"
        "<li>Human Resources Management</li><li>Information and Communications "
        "Technology</li><li>Supply Chain</li></ul>"
        "<h2>Deputy Director General for Operations</h2>"
        "<ul><li>Humanitarian Response and Recovery</li><li>Protection</li><li>Data, "
        "Insight and Policy Coordination</li><li>Mobility Pathways and Inclusion"
        "</li><li>Climate Action</li><li>Staff Security</li></ul>",
        "<h2>Directeur général adjoint chargé de la gestion et des réformes</h2>"
        "<ul><li>Gestion financière et administrative</li><li>Santé et bien-être du "
        "personnel</li><li>Services partagés mondiaux</li><li>Gestion du "
        "changement</li><li>Gestion des ressources humaines</li><li>Technologies "
        "de l’information et des communications</li><li>Chaîne "
        "d’approvisionnement</li></ul>"
        "<h2>Directeur général adjoint chargé des opérations</h2>"
        "<ul><li>Intervention humanitaire et relèvement</li><li>Protection</li>"
        "<li>Données, analyse et coordination des politiques</li><li>Voies de "
        "mobilité et inclusion</li><li>Action climatique</li><li>Sécurité du "
        "personnel</li></ul>",
        "<h2>Director General Adjunto de Gestión y Reforma</h2>"
        "<ul><li>Gestión Financiera y Administrativa</li><li>Salud y Bienestar del "
        "Personal</li><li>Servicios Compartidos Globales</li><li>Gestión del "
        "Cambio</li><li>Gestión de Recursos Humanos</li><li>Tecnologías de la "
        "Información y las Comunicaciones</li><li>Cadena de Suministro</li></ul>"
        "<h2>Director General Adjunto de Operaciones</h2>"
        "<ul><li>Respuesta Humanitaria y Recuperación</li><li>Protección</li>"
        "<li>Datos, Análisis y Coordinación de Políticas</li><li>Vías de Movilidad "
        "e Inclusión</li><li>Acción Climática</li><li>Seguridad del Personal</li>"
        "</ul>",
    ),
    "original_language": "en",
    **states(READY, READY, READY),
    "state": PublicationState.PUBLISHED,
    "countries": [],
}

# A draft that announces nobody: the structure page shows today's holders from
# public facts, so a draft naming a holder would read as news the site already told.
OPERATIONS_RELEASE = {
    **tr("title", "The operations divisions of IOM"),
    **tr("slug", "iom-operations-divisions"),
    **tr("dateline_city", "Geneva"),
    **tr(
        "lead",
        "IOM’s operations are organised in six divisions under the Deputy Director "
        "General for Operations.",
    ),
    **tr(
        "body",
        paragraphs(
            "The operations divisions are Humanitarian Response and Recovery; "
            "Protection; Data, Insight and Policy Coordination; Mobility Pathways "
            "and Inclusion; Climate Action; and Staff Security."
        ),
    ),
    "original_language": "en",
    **states(VersionState.DRAFT),
    "state": PublicationState.DRAFT,
    "publish_at": None,
    "countries": [],
}


def load(stdout=None):
    """Create or update the demo newsroom; safe to run again."""
    with translation.override("en"):
        topics = {
            key: Topic.objects.update_or_create(
                slug_en=values["slug_en"], defaults=values
            )[0]
            for key, values in TOPICS.items()
        }
        for order, values in enumerate(PAGES, start=1):
            save_publishable(
                Page,
                {
                    **values,
                    "original_language": "fr",
                    **states(READY, READY, READY),
                    "state": PublicationState.PUBLISHED,
                    "publish_at": datetime.datetime(2019, 1, 1, tzinfo=GENEVA),
                    "nav_order": order,
                },
            )
        regional = Office.objects.filter(slug_en=REGIONAL_OFFICE).first()
        headquarters = Office.objects.filter(slug_en=HEADQUARTERS).first()
        people = Person.objects.in_bulk(
            ["argentina-szabados", "antonio-vitorino"], field_name="slug"
        )
        contact = load_contact(regional)

        summit = save_publishable(Event, SUMMIT)
        summit.officials.set(
            people.get(slug) for slug in ["argentina-szabados"] if slug in people
        )

        baku = save_publishable(
            PressRelease,
            {**BAKU_RELEASE, "issuing_office": regional, "related_event": summit},
        )
        baku.topics.set([topics["migration-governance"], topics["2030-agenda"]])
        # The Regional Director speaks; the Director General is only named.
        baku.people_quoted.set(
            people[slug] for slug in ["argentina-szabados"] if slug in people
        )
        baku.people_mentioned.set(
            people[slug] for slug in ["antonio-vitorino"] if slug in people
        )
        Quote.objects.update_or_create(
            release=baku,
            order=0,
            defaults={"person": people.get("argentina-szabados"), **BAKU_QUOTE},
        )
        ReleaseContact.objects.update_or_create(
            release=baku, contact=contact, defaults={"order": 0}
        )

        next_year = timezone.localdate().year + 1
        others = [
            (POPE_RELEASE, ["leadership"]),
            (VITORINO_RELEASE, ["leadership"]),
            (
                {
                    **STRUCTURE_RELEASE,
                    # Scheduled: public on its own at this time, embargoed until then.
                    "publish_at": datetime.datetime(
                        next_year, 1, 15, 9, 0, tzinfo=GENEVA
                    ),
                },
                ["leadership"],
            ),
            (OPERATIONS_RELEASE, ["leadership"]),
        ]
        for values, topic_keys in others:
            release = save_publishable(
                PressRelease, {**values, "issuing_office": headquarters}
            )
            release.topics.set([topics[key] for key in topic_keys])
    if stdout is not None:
        stdout.write(
            f"Newsroom: {len(topics)} topics, {len(PAGES)} pages, 1 event, "
            f"1 media contact, {1 + len(others)} press releases."
        )


def save_publishable(model, values):
    """Create or update the item whose slug in its original language is the given
    one. The digest is reset so that the demo's ready versions stay ready."""
    key = f"slug_{values['original_language']}"
    item, _created = model.objects.update_or_create(
        **{key: values[key]}, defaults={**values, "source_digest": ""}
    )
    return item


def load_contact(office):
    contact, _created = MediaContact.objects.update_or_create(
        slug="joe-lowry",
        defaults={
            "name": "Joe Lowry",
            "office": office,
            "email": "jlowry@iom.int",
            "is_public": True,
        },
    )
    ContactPhone.objects.update_or_create(
        contact=contact,
        number="+436603776404",
        defaults={"kind": ContactPhone.Kind.WORK},
    )
    return contact
