"""The demo's legal pages, linked from the footer of every page: short texts that
say plainly they are a demonstration, not the organisation's legal notices."""

import datetime

from newsroom.core.publication import PublicationState
from newsroom.models import Page

from .content import GENEVA, READY, paragraphs, save_publishable, states

DEMO_NOTE = {
    "en": "Demonstration text: this is not the organisation’s legal notice.",
    "fr": "Texte de démonstration : ceci n’est pas l’avis juridique de l’Organisation.",
    "es": "Texto de demostración: no es el aviso legal de la Organización.",
}

# (slugs, titles, paragraphs) per language.
LEGAL_PAGES = [
    (
        {
            "en": "privacy-notice",
            "fr": "politique-de-confidentialite",
            "es": "aviso-de-privacidad",
        },
        {
            "en": "Privacy notice",
            "fr": "Politique de confidentialité",
            "es": "Aviso de privacidad",
        },
        {
            "en": [
                "The newsroom sets no tracking cookie and loads nothing from "
                "third parties.",
                "When you subscribe to email alerts, we keep your address, your "
                "language and your choices until you unsubscribe, which one link "
                "in every message does at once.",
            ],
            "fr": [
                "La salle de presse ne dépose aucun cookie de suivi et ne charge "
                "rien depuis des sites tiers.",
                "Si vous vous abonnez aux alertes par courriel, nous conservons "
                "votre adresse, votre langue et vos choix jusqu’à votre "
                "désabonnement, qu’un lien de chaque message effectue aussitôt.",
            ],
            "es": [
                "La sala de prensa no instala ninguna cookie de seguimiento ni "
                "carga nada desde sitios de terceros.",
                "Si se suscribe a las alertas por correo electrónico, conservamos "
                "su dirección, su idioma y sus preferencias hasta que se dé de "
                "baja, algo que un enlace de cada mensaje hace al instante.",
            ],
        },
    ),
    (
        {
            "en": "terms-of-use",
            "fr": "conditions-d-utilisation",
            "es": "condiciones-de-uso",
        },
        {
            "en": "Terms of use",
            "fr": "Conditions d’utilisation",
            "es": "Condiciones de uso",
        },
        {
            "en": [
                "Press releases may be quoted and republished by the media, "
                "citing the organisation as their source.",
                "Photos may be used with their releases, with the credit and "
                "licence given in their captions.",
            ],
            "fr": [
                "Les médias peuvent citer et reprendre les communiqués de presse "
                "en indiquant l’Organisation comme source.",
                "Les photos peuvent accompagner leurs communiqués, avec le crédit "
                "et la licence indiqués dans leur légende.",
            ],
            "es": [
                "Los medios pueden citar y reproducir los comunicados de prensa "
                "indicando a la Organización como fuente.",
                "Las fotos pueden acompañar a sus comunicados, con el crédito y la "
                "licencia que figuran en su pie de foto.",
            ],
        },
    ),
    (
        {"en": "accessibility", "fr": "accessibilite", "es": "accesibilidad"},
        {
            "en": "Accessibility statement",
            "fr": "Déclaration d’accessibilité",
            "es": "Declaración de accesibilidad",
        },
        {
            "en": [
                "The newsroom aims to meet the Web Content Accessibility "
                "Guidelines (WCAG) 2.2 at level AA, in English, French and "
                "Spanish.",
                "Every page is checked automatically before it is released. If "
                "something is hard to use, tell the media contacts.",
            ],
            "fr": [
                "La salle de presse vise la conformité aux règles pour "
                "l’accessibilité des contenus web (WCAG) 2.2, niveau AA, en "
                "anglais, en français et en espagnol.",
                "Chaque page est vérifiée automatiquement avant sa mise en ligne. "
                "Si quelque chose est difficile à utiliser, écrivez aux contacts "
                "presse.",
            ],
            "es": [
                "La sala de prensa aspira a cumplir las Pautas de Accesibilidad "
                "para el Contenido Web (WCAG) 2.2, nivel AA, en inglés, francés y "
                "español.",
                "Cada página se comprueba automáticamente antes de publicarse. Si "
                "algo le resulta difícil de usar, escriba a los contactos de "
                "prensa.",
            ],
        },
    ),
]


def load(stdout=None):
    """Create or update the legal pages, ready in every language."""
    for order, (slugs, titles, texts) in enumerate(LEGAL_PAGES, start=1):
        values = {}
        for lang, note in DEMO_NOTE.items():
            values.update(
                {
                    f"title_{lang}": titles[lang],
                    f"slug_{lang}": slugs[lang],
                    f"body_{lang}": paragraphs(*texts[lang], note),
                }
            )
        save_publishable(
            Page,
            {
                **values,
                "original_language": "en",
                **states(READY, READY, READY),
                "state": PublicationState.PUBLISHED,
                "publish_at": datetime.datetime(2019, 1, 1, tzinfo=GENEVA),
                "legal_order": order,
            },
        )
    if stdout is not None:
        stdout.write(f"Legal pages: {len(LEGAL_PAGES)}.")
