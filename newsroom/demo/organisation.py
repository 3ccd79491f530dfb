"""Demo content for the organisation, from ../shared/seed/qui-sommes-nous.fr.txt and
../shared/seed/facts.md only.

The French wording follows the seed where it has one; the English and Spanish are
ours. Every row is found again by a stable key (a slug, or a title and its unit), so
loading twice leaves the same rows. Where the sources give no value (addresses,
phone numbers, biographies, most appointment dates) the field stays empty.
"""

import datetime

from django.utils import translation

from organisation.models import (
    Appointment,
    Office,
    OrganisationProfile,
    Person,
    Position,
    Region,
    Unit,
)


def tr(en, fr, es, field="name"):
    """The per-language values of a translated field."""
    return {f"{field}_en": en, f"{field}_fr": fr, f"{field}_es": es}


MISSION = tr(
    "<p>The International Organization for Migration (IOM) is part of the United "
    "Nations system. Since 1951 it has been the leading intergovernmental "
    "organization promoting humane and orderly migration for the benefit of all, "
    "with 175 member states and a presence in 171 countries.</p>",
    "<p>L’Organisation internationale pour les migrations (OIM) fait partie du "
    "système des Nations unies et est la première organisation intergouvernementale "
    "à promouvoir depuis 1951 une migration humaine et ordonnée qui profite à tous, "
    "composée de 175 États membres et présente dans 171 pays.</p>",
    "<p>La Organización Internacional para las Migraciones (OIM) forma parte del "
    "sistema de las Naciones Unidas. Desde 1951 es la principal organización "
    "intergubernamental que promueve una migración humana y ordenada en beneficio "
    "de todos, con 175 Estados miembros y presencia en 171 países.</p>",
    field="mission",
)

# Printed after every release; the facts are the seed's, the wording ours.
BOILERPLATE = tr(
    "<p>Established in 1951, the International Organization for Migration (IOM) "
    "is the leading intergovernmental organization in the field of migration and "
    "part of the United Nations system. It has 175 member states and is present "
    "in 171 countries, promoting humane and orderly migration for the benefit of "
    "all.</p>",
    "<p>Fondée en 1951, l’Organisation internationale pour les migrations (OIM) "
    "est la principale organisation intergouvernementale dans le domaine de la "
    "migration et fait partie du système des Nations unies. Elle compte 175 États "
    "membres et est présente dans 171 pays, où elle promeut une migration humaine "
    "et ordonnée qui profite à tous.</p>",
    "<p>Fundada en 1951, la Organización Internacional para las Migraciones (OIM) "
    "es la principal organización intergubernamental en el ámbito de la migración "
    "y forma parte del sistema de las Naciones Unidas. Cuenta con 175 Estados "
    "miembros y está presente en 171 países, donde promueve una migración humana "
    "y ordenada en beneficio de todos.</p>",
    field="boilerplate",
)

REGION_SEEECA = (
    "south-eastern-europe-eastern-europe-central-asia",
    tr(
        "South-Eastern Europe, Eastern Europe and Central Asia",
        "Europe du Sud-Est, Europe de l’Est et Asie centrale",
        "Europa Sudoriental, Europa Oriental y Asia Central",
    ),
)

# The org chart: (slug, names, children). The seed's six entries are the top level,
# in the seed's order; the independent offices report to the Director General.
UNITS = [
    (
        "office-of-the-director-general",
        tr(
            "Office of the Director General",
            "Bureau du Directeur général",
            "Oficina del Director General",
        ),
        [
            (
                "legal-affairs",
                tr("Legal Affairs", "Affaires juridiques", "Asuntos Jurídicos"),
            ),
            ("ombudsperson", tr("Ombudsperson", "Ombudsman", "Ombudsman")),
            (
                "internal-oversight-services",
                tr(
                    "Internal Oversight Services",
                    "Services de contrôle interne",
                    "Servicios de Supervisión Interna",
                ),
            ),
            (
                "ethics-and-prevention-of-sexual-exploitation-abuse-harassment",
                tr(
                    "Ethics and Prevention of Sexual Exploitation and Abuse and "
                    "Sexual Harassment",
                    "Éthique et prévention de l’exploitation et des atteintes "
                    "sexuelles et du harcèlement sexuel",
                    "Ética y Prevención de la Explotación y el Abuso Sexuales y el "
                    "Acoso Sexual",
                ),
            ),
        ],
    ),
    (
        "deputy-director-general-management-and-reform",
        tr(
            "Office of the Deputy Director General for Management and Reform",
            "Bureau du Directeur général adjoint chargé de la gestion et des réformes",
            "Oficina del Director General Adjunto de Gestión y Reforma",
        ),
        [
            (
                "financial-and-administrative-management",
                tr(
                    "Financial and Administrative Management",
                    "Gestion financière et administrative",
                    "Gestión Financiera y Administrativa",
                ),
            ),
            (
                "staff-health-and-welfare",
                tr(
                    "Staff Health and Welfare",
                    "Santé et bien-être du personnel",
                    "Salud y Bienestar del Personal",
                ),
            ),
            (
                "global-shared-services",
                tr(
                    "Global Shared Services",
                    "Services partagés mondiaux",
                    "Servicios Compartidos Globales",
                ),
            ),
            (
                "change-management",
                tr("Change Management", "Gestion du changement", "Gestión del Cambio"),
            ),
            (
                "human-resources-management",
                tr(
                    "Human Resources Management",
                    "Gestion des ressources humaines",
                    "Gestión de Recursos Humanos",
                ),
            ),
            (
                "information-and-communications-technology",
                tr(
                    "Information and Communications Technology",
                    "Technologies de l’information et des communications",
                    "Tecnologías de la Información y las Comunicaciones",
                ),
            ),
            (
                "supply-chain",
                tr(
                    "Supply Chain",
                    "Chaîne d’approvisionnement",
                    "Cadena de Suministro",
                ),
            ),
        ],
    ),
    (
        "deputy-director-general-operations",
        tr(
            "Office of the Deputy Director General for Operations",
            "Bureau du Directeur général adjoint chargé des opérations",
            "Oficina del Director General Adjunto de Operaciones",
        ),
        [
            (
                "humanitarian-response-and-recovery",
                tr(
                    "Humanitarian Response and Recovery",
                    "Intervention humanitaire et relèvement",
                    "Respuesta Humanitaria y Recuperación",
                ),
            ),
            ("protection", tr("Protection", "Protection", "Protección")),
            (
                "data-insight-and-policy-coordination",
                tr(
                    "Data, Insight and Policy Coordination",
                    "Données, analyse et coordination des politiques",
                    "Datos, Análisis y Coordinación de Políticas",
                ),
            ),
            (
                "mobility-pathways-and-inclusion",
                tr(
                    "Mobility Pathways and Inclusion",
                    "Voies de mobilité et inclusion",
                    "Vías de Movilidad e Inclusión",
                ),
            ),
            (
                "climate-action",
                tr("Climate Action", "Action climatique", "Acción Climática"),
            ),
            (
                "staff-security",
                tr("Staff Security", "Sécurité du personnel", "Seguridad del Personal"),
            ),
        ],
    ),
    (
        "office-of-the-chief-of-staff",
        tr(
            "Office of the Chief of Staff",
            "Bureau du Chef de Cabinet",
            "Oficina del Jefe de Gabinete",
        ),
        [
            (
                "deputy-chief-of-staff",
                tr(
                    "Deputy Chief of Staff",
                    "Chef de cabinet adjoint",
                    "Jefe de Gabinete Adjunto",
                ),
            ),
            (
                "special-liaison-office-addis-ababa",
                tr(
                    "Special Liaison Office in Addis Ababa",
                    "Bureau spécial de liaison à Addis-Abeba",
                    "Oficina Especial de Enlace en Addis Abeba",
                ),
            ),
            (
                "regional-coordination-support",
                tr(
                    "Regional Coordination Support",
                    "Appui à la coordination régionale",
                    "Apoyo a la Coordinación Regional",
                ),
            ),
            (
                "regional-offices",
                tr("Regional Offices", "Bureaux régionaux", "Oficinas Regionales"),
            ),
            (
                "country-offices",
                tr("Country Offices", "Bureaux de pays", "Oficinas en los Países"),
            ),
        ],
    ),
    (
        "office-of-partnerships-advocacy-and-communication",
        tr(
            "Office of Partnerships, Advocacy and Communication",
            "Bureau des partenariats, de la sensibilisation et de la communication",
            "Oficina de Alianzas, Promoción y Comunicación",
        ),
        [
            (
                "media-and-communications",
                tr(
                    "Media and Communications",
                    "Médias et communication",
                    "Medios y Comunicación",
                ),
            ),
            (
                "united-nations-network-on-migration-secretariat",
                tr(
                    "United Nations Network on Migration Secretariat",
                    "Secrétariat du Réseau des Nations unies sur la migration",
                    "Secretaría de la Red de las Naciones Unidas sobre la Migración",
                ),
            ),
            ("partnerships", tr("Partnerships", "Partenariats", "Alianzas")),
            (
                "member-states-relations-and-resource-mobilization",
                tr(
                    "Member States Relations and Resource Mobilization",
                    "Relations avec les États membres et mobilisation des ressources",
                    "Relaciones con los Estados Miembros y Movilización de Recursos",
                ),
            ),
            (
                "office-to-the-united-nations-in-new-york",
                tr(
                    "Office to the United Nations in New York",
                    "Bureau auprès de l’Organisation des Nations unies à New York",
                    "Oficina ante las Naciones Unidas en Nueva York",
                ),
            ),
            (
                "private-sector-partnerships",
                tr(
                    "Private Sector Partnerships",
                    "Partenariats avec le secteur privé",
                    "Alianzas con el Sector Privado",
                ),
            ),
        ],
    ),
    (
        "office-of-strategy-and-institutional-performance",
        tr(
            "Office of Strategy and Institutional Performance",
            "Bureau de la stratégie et de la performance institutionnelle",
            "Oficina de Estrategia y Desempeño Institucional",
        ),
        [],
    ),
]

# Positions: key, where (unit slug or office slug), rank, titles (masculine, then
# feminine) in en, fr, es.
POSITIONS = {
    "director-general": (
        {"unit": "office-of-the-director-general"},
        10,
        tr("Director General", "Directeur général", "Director General", "title"),
        tr(
            "Director General",
            "Directrice générale",
            "Directora General",
            "title_feminine",
        ),
    ),
    "ddg-management-and-reform": (
        {"unit": "deputy-director-general-management-and-reform"},
        20,
        tr(
            "Deputy Director General for Management and Reform",
            "Directeur général adjoint chargé de la gestion et des réformes",
            "Director General Adjunto de Gestión y Reforma",
            "title",
        ),
        tr(
            "Deputy Director General for Management and Reform",
            "Directrice générale adjointe chargée de la gestion et des réformes",
            "Directora General Adjunta de Gestión y Reforma",
            "title_feminine",
        ),
    ),
    "ddg-operations": (
        {"unit": "deputy-director-general-operations"},
        20,
        tr(
            "Deputy Director General for Operations",
            "Directeur général adjoint chargé des opérations",
            "Director General Adjunto de Operaciones",
            "title",
        ),
        tr(
            "Deputy Director General for Operations",
            "Directrice générale adjointe chargée des opérations",
            "Directora General Adjunta de Operaciones",
            "title_feminine",
        ),
    ),
    "chief-of-staff": (
        {"unit": "office-of-the-chief-of-staff"},
        30,
        tr("Chief of Staff", "Chef de cabinet", "Jefe de Gabinete", "title"),
        tr("Chief of Staff", "Cheffe de cabinet", "Jefa de Gabinete", "title_feminine"),
    ),
    "regional-director-seeeca": (
        {"office": "regional-office-vienna"},
        10,
        tr("Regional Director", "Directeur régional", "Director Regional", "title"),
        tr(
            "Regional Director",
            "Directrice régionale",
            "Directora Regional",
            "title_feminine",
        ),
    ),
}

PEOPLE = [
    # slug, name, sort name, grammatical gender
    ("william-lacy-swing", "William Lacy Swing", "Swing, William Lacy", "m"),
    ("antonio-vitorino", "António Vitorino", "Vitorino, António", "m"),
    ("amy-e-pope", "Amy E. Pope", "Pope, Amy E.", "f"),
    (
        "ugochi-florence-daniels",
        "Ugochi Florence Daniels",
        "Daniels, Ugochi Florence",
        "f",
    ),
    ("argentina-szabados", "Argentina Szabados", "Szabados, Argentina", "f"),
]

APPOINTMENTS = [
    # person, position, start, end, ended (over, date unknown)
    (
        "william-lacy-swing",
        "director-general",
        datetime.date(2008, 10, 1),
        datetime.date(2018, 9, 30),
        False,
    ),
    (
        "antonio-vitorino",
        "director-general",
        datetime.date(2018, 10, 1),
        datetime.date(2023, 9, 30),
        False,
    ),
    ("amy-e-pope", "director-general", datetime.date(2023, 10, 1), None, False),
    ("amy-e-pope", "ddg-management-and-reform", None, None, True),
    ("ugochi-florence-daniels", "ddg-operations", None, None, False),
    ("argentina-szabados", "regional-director-seeeca", None, None, False),
]


def load(stdout=None):
    """Create or update the demo organisation; safe to run again."""
    with translation.override("en"):
        region = _load_region()
        offices = _load_offices(region)
        _load_profile(offices["headquarters"])
        units = _load_units()
        positions = _load_positions(units, offices)
        people = _load_people()
        _load_appointments(people, positions)
    if stdout is not None:
        stdout.write(
            f"Organisation: {len(offices)} offices, {len(units)} units, "
            f"{len(positions)} positions, {len(people)} people, "
            f"{len(APPOINTMENTS)} appointments."
        )


def _load_region():
    slug, names = REGION_SEEECA
    region, _created = Region.objects.update_or_create(
        slug=slug, defaults={**names, "order": 1}
    )
    return region


def _load_offices(region):
    headquarters, _created = Office.objects.update_or_create(
        slug_en="headquarters",
        defaults={
            "kind": Office.Kind.HEADQUARTERS,
            **tr("headquarters", "siege", "sede", "slug"),
            **tr("Headquarters", "Siège", "Sede"),
            **tr("Geneva", "Genève", "Ginebra", "city"),
            "country": "CH",
            "region": None,
            "parent": None,
            "order": 0,
        },
    )
    regional, _created = Office.objects.update_or_create(
        slug_en="regional-office-vienna",
        defaults={
            "kind": Office.Kind.REGIONAL,
            **tr(
                "regional-office-vienna",
                "bureau-regional-vienne",
                "oficina-regional-viena",
                "slug",
            ),
            **tr(
                "Regional Office for South-Eastern Europe, Eastern Europe and "
                "Central Asia",
                "Bureau régional pour l’Europe du Sud-Est, l’Europe de l’Est et "
                "l’Asie centrale",
                "Oficina Regional para Europa Sudoriental, Europa Oriental y Asia "
                "Central",
            ),
            **tr("Vienna", "Vienne", "Viena", "city"),
            "country": "AT",
            "region": region,
            "parent": headquarters,
            "order": 10,
        },
    )
    return {office.slug_en: office for office in (headquarters, regional)}


def _load_profile(headquarters):
    profile = OrganisationProfile.objects.order_by("pk").first() or (
        OrganisationProfile()
    )
    values = {
        **tr(
            "International Organization for Migration",
            "Organisation internationale pour les migrations",
            "Organización Internacional para las Migraciones",
        ),
        **tr("IOM", "OIM", "OIM", "acronym"),
        **tr(
            "About IOM",
            "À propos de l’OIM",
            "Acerca de la OIM",
            "boilerplate_heading",
        ),
        **MISSION,
        **BOILERPLATE,
        "founding_year": 1951,
        "member_states": 175,
        "countries_present": 171,
        "headquarters": headquarters,
    }
    for field, value in values.items():
        setattr(profile, field, value)
    profile.save()
    return profile


def _load_units():
    units = {}
    for order, (slug, names, children) in enumerate(UNITS, start=1):
        units[slug] = _save_unit(slug, names, None, order)
        for child_order, (child_slug, child_names) in enumerate(children, start=1):
            units[child_slug] = _save_unit(
                child_slug, child_names, units[slug], child_order
            )
    return units


def _save_unit(slug, names, parent, order):
    unit, _created = Unit.objects.update_or_create(
        slug=slug, defaults={**names, "parent": parent, "order": order}
    )
    return unit


def _load_positions(units, offices):
    positions = {}
    for key, (where, rank, titles, feminine_titles) in POSITIONS.items():
        place = {
            "unit": units.get(where.get("unit")),
            "office": offices.get(where.get("office")),
        }
        position, _created = Position.objects.update_or_create(
            **place,
            title_en=titles["title_en"],
            defaults={**titles, **feminine_titles, "rank": rank},
        )
        positions[key] = position
    return positions


def _load_people():
    people = {}
    for slug, name, sort_name, gender in PEOPLE:
        people[slug], _created = Person.objects.update_or_create(
            slug=slug,
            defaults={"name": name, "sort_name": sort_name, "gender": gender},
        )
    return people


def _load_appointments(people, positions):
    for person, position, start, end, ended in APPOINTMENTS:
        Appointment.objects.update_or_create(
            person=people[person],
            position=positions[position],
            defaults={"start": start, "end": end, "ended": ended},
        )
