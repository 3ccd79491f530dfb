"""Aligned phrase lists in English, French and Spanish for generated load-test
content (`manage.py generate_content`). Generated text is for measuring, never
demo facts: it names no real person and states nothing about the organisation.

Each slot lists (en, fr, es) triples; a template fills the same slot with the
same index in each language, so the three versions of an item say the same thing.
"""

PEOPLE = [
    ("migrants", "migrants", "migrantes"),
    ("displaced people", "personnes déplacées", "personas desplazadas"),
    ("refugees", "réfugiés", "refugiados"),
    ("families", "familles", "familias"),
    ("children", "enfants", "niños"),
    ("workers", "travailleurs", "trabajadores"),
    ("returnees", "rapatriés", "retornados"),
    ("students", "étudiants", "estudiantes"),
    ("women", "femmes", "mujeres"),
    ("communities", "communautés", "comunidades"),
    ("farmers", "agriculteurs", "agricultores"),
    ("fishers", "pêcheurs", "pescadores"),
    ("health workers", "agents de santé", "trabajadores sanitarios"),
    ("young people", "jeunes", "jóvenes"),
    ("older people", "personnes âgées", "personas mayores"),
]

DISASTERS = [
    ("floods", "les inondations", "las inundaciones"),
    ("the drought", "la sécheresse", "la sequía"),
    ("the earthquake", "le séisme", "el terremoto"),
    ("the cyclone", "le cyclone", "el ciclón"),
    ("storms", "les tempêtes", "las tormentas"),
    ("the conflict", "le conflit", "el conflicto"),
    ("wildfires", "les incendies", "los incendios"),
    ("landslides", "les glissements de terrain", "los deslizamientos de tierra"),
    ("the heatwave", "la canicule", "la ola de calor"),
    ("rising sea levels", "la montée des eaux", "la subida del nivel del mar"),
    ("the volcanic eruption", "l'éruption volcanique", "la erupción volcánica"),
    ("the cholera outbreak", "l'épidémie de choléra", "el brote de cólera"),
]

AID = [
    ("shelter", "des abris", "refugio"),
    ("food assistance", "une aide alimentaire", "asistencia alimentaria"),
    ("health care", "des soins de santé", "atención sanitaria"),
    ("clean water", "de l'eau potable", "agua potable"),
    ("cash assistance", "une aide en espèces", "ayuda en efectivo"),
    ("legal aid", "une aide juridique", "asistencia jurídica"),
    ("vaccinations", "des vaccinations", "vacunas"),
    ("vocational training", "une formation professionnelle", "formación profesional"),
    ("psychosocial support", "un soutien psychosocial", "apoyo psicosocial"),
    ("identity documents", "des documents d'identité", "documentos de identidad"),
    ("hygiene kits", "des kits d'hygiène", "kits de higiene"),
    ("school supplies", "des fournitures scolaires", "material escolar"),
]

TOPICS = [
    (
        "migration governance",
        "la gouvernance des migrations",
        "la gobernanza migratoria",
    ),
    ("climate action", "l'action climatique", "la acción climática"),
    ("labour mobility", "la mobilité de la main-d'œuvre", "la movilidad laboral"),
    ("border management", "la gestion des frontières", "la gestión de fronteras"),
    ("resettlement", "la réinstallation", "el reasentamiento"),
    ("migration data", "les données migratoires", "los datos migratorios"),
    ("remittances", "les envois de fonds", "las remesas"),
    ("integration", "l'intégration", "la integración"),
    ("counter-trafficking", "la lutte contre la traite", "la lucha contra la trata"),
    ("free and fair elections", "des élections libres", "unas elecciones libres"),
    ("disaster risk reduction", "la réduction des risques", "la reducción de riesgos"),
    ("safe return", "le retour en sécurité", "el retorno seguro"),
    (
        "diaspora engagement",
        "l'engagement des diasporas",
        "la participación de la diáspora",
    ),
    ("public health", "la santé publique", "la salud pública"),
]

ADJECTIVES = [
    ("historic", "historique", "histórico"),
    ("renewed", "renouvelé", "renovado"),
    ("strong", "ferme", "firme"),
    ("regional", "régional", "regional"),
    ("concrete", "concret", "concreto"),
    ("lasting", "durable", "duradero"),
    ("collective", "collectif", "colectivo"),
    ("urgent", "urgent", "urgente"),
]

PLACES = [
    ("districts", "districts", "distritos"),
    ("provinces", "provinces", "provincias"),
    ("camps", "camps", "campamentos"),
    ("border towns", "villes frontalières", "ciudades fronterizas"),
    ("islands", "îles", "islas"),
    ("villages", "villages", "aldeas"),
]

CITIES = [
    ("Geneva", "Genève", "Ginebra"),
    ("Baku", "Bakou", "Bakú"),
    ("Vienna", "Vienne", "Viena"),
    ("Brussels", "Bruxelles", "Bruselas"),
    ("Dakar", "Dakar", "Dakar"),
    ("Nairobi", "Nairobi", "Nairobi"),
    ("Bangkok", "Bangkok", "Bangkok"),
    ("Panama City", "Panama", "Ciudad de Panamá"),
    ("Cairo", "Le Caire", "El Cairo"),
    ("Pretoria", "Pretoria", "Pretoria"),
    ("Buenos Aires", "Buenos Aires", "Buenos Aires"),
    ("Manila", "Manille", "Manila"),
    ("Amman", "Amman", "Ammán"),
    ("San José", "San José", "San José"),
    ("Addis Ababa", "Addis-Abeba", "Adís Abeba"),
]

ORGANISATION = ("the Organization", "l'Organisation", "la Organización")

TITLES = [
    (
        "{country}: {number} {people} receive {aid} after {disaster}",
        "{country} : {number} {people} reçoivent {aid} après {disaster}",
        "{country}: {number} {people} reciben {aid} tras {disaster}",
    ),
    (
        "New programme for {topic} launched in {city}",
        "Un nouveau programme pour {topic} lancé à {city}",
        "Nuevo programa para {topic} presentado en {city}",
    ),
    (
        "{disaster_cap} displace {number} {people} in {country}",
        "{disaster_cap} déplacent {number} {people} en {country}",
        "{disaster_cap} desplazan a {number} {people} en {country}",
    ),
    (
        "Ministers meet in {city} on {topic}",
        "Des ministres se réunissent à {city} sur {topic}",
        "Ministros se reúnen en {city} sobre {topic}",
    ),
    (
        "{adjective_cap} commitment to {topic} in {country}",
        "Engagement {adjective} pour {topic} en {country}",
        "Compromiso {adjective} con {topic} en {country}",
    ),
]

SENTENCES = [
    (
        "{org_cap} welcomed the {adjective} commitment of {country} to {topic}.",
        "{org_cap} a salué l'engagement {adjective} de {country} en faveur de {topic}.",
        "{org_cap} celebró el compromiso {adjective} de {country} con {topic}.",
    ),
    (
        "More than {number} {people} have been affected by {disaster} in {city}.",
        "Plus de {number} {people} ont été touchés par {disaster} à {city}.",
        "Más de {number} {people} se han visto afectados por {disaster} en {city}.",
    ),
    (
        "Teams are providing {aid} and {aid2} in {small} {places}.",
        "Les équipes fournissent {aid} et {aid2} dans {small} {places}.",
        "Los equipos proporcionan {aid} y {aid2} en {small} {places}.",
    ),
    (
        "The programme runs until {year} and focuses on {topic}.",
        "Le programme se poursuit jusqu'en {year} et porte sur {topic}.",
        "El programa se extiende hasta {year} y se centra en {topic}.",
    ),
    (
        "Since {year_past}, {org} has supported {number} {people} in the region.",
        "Depuis {year_past}, {org} a soutenu {number} {people} dans la région.",
        "Desde {year_past}, {org} ha apoyado a {number} {people} en la región.",
    ),
    (
        "Authorities and partners will meet in {city} to discuss {topic}.",
        "Les autorités et les partenaires se réuniront à {city} pour discuter de "
        "{topic}.",
        "Las autoridades y los socios se reunirán en {city} para debatir {topic}.",
    ),
    (
        "The situation remains critical as {disaster} continues to affect {people}.",
        "La situation reste critique alors que {disaster} continue de toucher les "
        "{people}.",
        "La situación sigue siendo crítica mientras {disaster} sigue afectando a los "
        "{people}.",
    ),
    (
        "Partners call for more funding for {aid} and {topic}.",
        "Les partenaires appellent à davantage de financements pour {aid} et {topic}.",
        "Los socios piden más financiación para {aid} y {topic}.",
    ),
    (
        "{number} {people} registered to vote in {country} this year.",
        "{number} {people} se sont inscrits sur les listes électorales en {country} "
        "cette année.",
        "{number} {people} se inscribieron para votar en {country} este año.",
    ),
    (
        "Mobile clinics reached {small} {places} cut off by {disaster}.",
        "Des cliniques mobiles ont atteint {small} {places} isolés par {disaster}.",
        "Clínicas móviles llegaron a {small} {places} aislados por {disaster}.",
    ),
]

VENUES = [
    ("Conference Centre", "Centre de conférences", "Centro de Conferencias"),
    ("City Hall", "Hôtel de ville", "Ayuntamiento"),
    ("Exhibition Hall", "Palais des expositions", "Palacio de Exposiciones"),
    ("University Auditorium", "Amphithéâtre universitaire", "Auditorio universitario"),
]

FIRST_NAMES = [
    "Amina",
    "José",
    "Léa",
    "Chen",
    "Farid",
    "Ingrid",
    "Kwame",
    "Lucía",
    "Mariam",
    "Nikolai",
    "Olga",
    "Pedro",
    "Rania",
    "Sofía",
    "Tomás",
    "Yuki",
    "Zainab",
    "Émile",
]
LAST_NAMES = [
    "Álvarez",
    "Bakare",
    "Costa",
    "Dubois",
    "Eriksen",
    "Fernández",
    "García",
    "Haddad",
    "Ibrahim",
    "Jović",
    "Kowalski",
    "López",
    "Müller",
    "Nguyen",
    "Okafor",
    "Pérez",
    "Quispe",
    "Rossi",
    "Santos",
    "Traoré",
]
