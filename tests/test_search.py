"""Search in the lists: other spellings of umlauts and ß, case, accents, one typo; name, former
names, description; offers also by the name of a participating organisation. Runs on SQLite and,
with TEST_DATABASE_URL, on PostgreSQL (scripts/with-postgres.sh)."""
import pytest

from coordination.search import search_key, word_patterns
from coordination.services import actors as actor_service
from coordination.services.actors import ActorValues, ContactValues
from tests.factories import make_actor, make_contribution, type_id

ACTORS = ("Müller-Stiftung", "Caritasverband", "Straßenkinder e. V.", "Café Nord")
OFFERS = ("Sprachcafé für Frauen", "Elterncafé")


def names(client, url: str, candidates=ACTORS) -> set[str]:
    html = client.get(url).text
    html = html.split("<tbody>", 1)[1].split("</tbody>")[0] if "<tbody>" in html else ""  # the list only
    return {name for name in candidates if f">{name}<" in html}


@pytest.fixture
def actors(app):
    return [make_actor("Müller-Stiftung", "foundation", description="Fördert Projekte der Bildung"),
            make_actor("Caritasverband", "welfare", description="Migrationsberatung für Erwachsene"),
            make_actor("Straßenkinder e. V.", "association"),
            make_actor("Café Nord", "association")]


@pytest.mark.parametrize("query", ["Müller", "mueller", "muller", "MÜLLER", "Mueler", "Mülelr", "stiftung müller"])
def test_umlauts_case_and_one_typo_find_mueller(as_viewer, actors, query):
    assert names(as_viewer, f"/actors/?q={query}") == {"Müller-Stiftung"}


@pytest.mark.parametrize("query,found", [
    ("strasse", {"Straßenkinder e. V."}), ("Straßen", {"Straßenkinder e. V."}),
    ("cafe", {"Café Nord"}), ("caritas", {"Caritasverband"}), ("Karitas", set()),  # two letters off? no: one
    ("migrationsberatung", {"Caritasverband"}), ("Migrationsbreatung", {"Caritasverband"}),
    ("xyz", set()), ("mül", {"Müller-Stiftung"}), ("mil", set()),
])
def test_search_folds_spellings_and_covers_the_description(as_viewer, actors, query, found):
    result = names(as_viewer, f"/actors/?q={query}")
    if query == "Karitas":  # one wrong letter: found
        assert result == {"Caritasverband"}
    else:
        assert result == found


def test_a_renamed_actor_is_found_by_its_former_name(as_coordinator, actors):
    caritas = actors[1]
    actor_service.update_actor(caritas, ActorValues(name="Caritas Musterstadt", type_id=type_id("welfare")),
                               version=caritas.version, by=None)
    html = as_coordinator.get("/actors/?q=caritasverband").text
    assert ">Caritas Musterstadt<" in html


def test_offers_are_found_by_title_description_and_organisation(as_viewer, actors):
    make_contribution("Sprachcafé für Frauen", actors[1], 4)
    make_contribution("Elterncafé", actors[0], 5, description="Treffen für Mütter und Väter")
    assert names(as_viewer, "/contributions/?q=sprachcafe", OFFERS) == {"Sprachcafé für Frauen"}
    assert names(as_viewer, "/contributions/?q=muetter", OFFERS) == {"Elterncafé"}
    assert names(as_viewer, "/contributions/?q=mueller", OFFERS) == {"Elterncafé"}  # the lead's name
    assert names(as_viewer, "/contributions/?q=cafe", OFFERS) == {"Sprachcafé für Frauen", "Elterncafé"}


def test_the_keys_and_patterns():
    assert search_key("Müller") == search_key("Mueller") == search_key("muller") == "muller"
    assert search_key("Straße") == "strasse" and search_key("Élodie") == "elodie"
    assert word_patterns("mül") == ["%mül%"]  # short words: exact only
    patterns = word_patterns("muler")
    assert "%mu_ler%" in patterns and "%mler%" in patterns and "%mu_er%" in patterns and "%mluer%" in patterns
    assert word_patterns("50%_x") [0] == "%50\\%\\_x%"  # LIKE wildcards in the query are literal


def test_coordinators_find_an_actor_by_its_contact_person_viewers_do_not(as_coordinator, as_viewer, actors):
    caritas = actors[1]
    actor_service.add_contact(caritas, ContactValues(name="Jürgen Weiß", role="Fachdienstleitung Migration",
                                                     email="j.weiss@caritas-beispiel.example"), by=None)
    for query in ("juergen weiss", "Jurgen", "fachdienstleitung", "caritas-beispiel"):
        assert names(as_coordinator, f"/actors/?q={query}") == {"Caritasverband"}, query
    # contact persons are personal data: a viewer's search does not reveal them
    assert names(as_viewer, "/actors/?q=juergen") == set()
    contact = caritas.contact_persons[0]
    actor_service.update_contact(contact, ContactValues(name="Petra Schäfer", role="", email=""),
                                 version=contact.version, by=None)
    assert names(as_coordinator, "/actors/?q=jurgen") == set()
    assert names(as_coordinator, "/actors/?q=schaefer") == {"Caritasverband"}
