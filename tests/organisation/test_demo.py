"""The demo organisation: `manage.py load_demo` loads the seed's facts, and loading
again changes nothing."""

import datetime
import io

import pytest
from django.core.management import call_command
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

pytestmark = pytest.mark.django_db

MODELS = [OrganisationProfile, Region, Office, Unit, Person, Position, Appointment]


def snapshot():
    """Every organisation row, as values, model by model (save for the time of the
    last save, which a second run moves on)."""
    return {
        model.__name__: sorted(
            model.objects.values_list(
                *(
                    field.attname
                    for field in model._meta.concrete_fields
                    if field.name != "updated_at"
                )
            ),
            key=lambda row: row[0],
        )
        for model in MODELS
    }


def test_load_demo_twice_leaves_the_same_rows():
    """Running the command again updates rows in place and adds none."""
    output = io.StringIO()
    call_command("load_demo", stdout=output)
    first = snapshot()
    call_command("load_demo", stdout=io.StringIO())
    assert snapshot() == first
    assert "Organisation:" in output.getvalue()
    assert len(first["OrganisationProfile"]) == 1
    assert len(first["Person"]) == 5
    assert len(first["Appointment"]) == 6


class TestOnTheDemoOrganisation:
    """Pages and rows of the demo organisation, loaded once for the class."""

    def test_demo_profile_follows_the_seed(self, demo_organisation):
        """IOM / OIM / OIM, founded 1951, 175 member states, 171 countries."""
        profile = OrganisationProfile.current()
        assert (profile.acronym_en, profile.acronym_fr, profile.acronym_es) == (
            "IOM",
            "OIM",
            "OIM",
        )
        assert profile.name_fr == "Organisation internationale pour les migrations"
        assert (profile.founding_year, profile.member_states) == (1951, 175)
        assert profile.countries_present == 171
        assert "première organisation intergouvernementale" in profile.mission_fr
        assert profile.headquarters.city_en == "Geneva"
        assert profile.headquarters.country.code == "CH"

    def test_demo_names_the_directors_general_with_their_dates(self, demo_organisation):
        """Three Directors General: António Vitorino in 2019, Amy Pope today."""
        position = Position.objects.get(title_en="Director General")
        assert (
            position.holder_on(datetime.date(2010, 1, 1)).name == "William Lacy Swing"
        )
        assert (
            position.holder_on(datetime.date(2019, 10, 25)).name == "António Vitorino"
        )
        assert position.holder_on().name == "Amy E. Pope"
        with translation.override("fr"):
            assert position.title_for(position.holder_on()) == "Directrice générale"
            assert position.title_for(
                position.holder_on(datetime.date(2019, 1, 1))
            ) == ("Directeur général")

    def test_demo_invents_no_dates_or_contact_details(self, demo_organisation):
        """Where the sources give no value, the field stays empty."""
        undated = Appointment.objects.exclude(position__title_en="Director General")
        assert {(a.start, a.end) for a in undated} == {(None, None)}
        pope = Appointment.objects.get(
            person__slug="amy-e-pope",
            position__title_en="Deputy Director General for Management and Reform",
        )
        assert pope.ended is True
        assert pope.position.holder_on() is None
        for office in Office.objects.all():
            assert (office.address, office.phone, office.email) == ("", "", "")
        for person in Person.objects.all():
            assert not person.biography and not person.portrait

    def test_demo_regional_director_belongs_to_the_regional_office(
        self, demo_organisation
    ):
        """Argentina Szabados is Regional Director of the Vienna office."""
        office = Office.objects.get(slug_en="regional-office-vienna")
        assert office.kind == Office.Kind.REGIONAL
        assert (office.city_en, office.country.code) == ("Vienna", "AT")
        assert office.parent.slug == "headquarters"
        [position] = office.positions.all()
        assert position.holder_on().name == "Argentina Szabados"
        with translation.override("es"):
            assert position.title_for(position.holder_on()) == "Directora Regional"

    def test_demo_structure_page_shows_its_holders(self, client, demo_organisation):
        """After loading, the structure page names today's holders."""
        page = client.get("/en/who-we-are/structure/").content.decode()
        assert "Amy E. Pope" in page
        assert "Ugochi Florence Daniels" in page
        assert "Office of Strategy and Institutional Performance" in page
