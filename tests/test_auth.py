"""Sign-in, sign-out, throttling, sessions, redirects."""
import sqlalchemy as sa

from coordination.extensions import db
from coordination.models import LoginThrottle
from tests.conftest import PASSWORD, Auth


def test_login_page_is_german_and_public(client):
    response = client.get("/login")
    assert response.status_code == 200
    assert "Anmelden" in response.text and "Benutzername" in response.text


def test_every_page_but_login_requires_a_session(client):
    response = client.get("/actors/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login?next=")


def test_wrong_password_is_refused_with_a_german_message(client, auth):
    response = auth.login("coord", "falsches-passwort-123")
    assert response.status_code == 200
    assert "Benutzername oder Passwort ist falsch." in response.text
    assert client.get("/").status_code == 302


def test_login_redirects_to_local_next_only(client, auth):
    response = client.post("/login?next=/actors/", data={"username": "coord", "password": PASSWORD})
    assert response.headers["Location"] == "/actors/"


def test_login_ignores_external_next(app):
    for target in ("https://evil.example/", "//evil.example/", "/\\evil.example"):
        client = app.test_client()
        response = client.post(f"/login?next={target}", data={"username": "coord", "password": PASSWORD})
        assert response.headers["Location"] == "/", target


def test_five_failures_lock_the_account_from_that_address_for_fifteen_minutes(client, auth):
    for _ in range(5):
        auth.login("coord", "falsches-passwort-123")
    response = auth.login("coord", PASSWORD)
    assert response.status_code == 429
    assert "Zu viele fehlgeschlagene Anmeldeversuche" in response.text
    assert client.get("/").status_code == 302


def test_failures_from_one_address_lock_all_accounts_from_it(app, client, auth):
    app.config["LOGIN_MAX_FAILURES_PER_ADDRESS"] = 8
    for number in range(8):
        auth.login(f"a{number}", "falsches-passwort-123")
    assert auth.login("viewer", PASSWORD).status_code == 429


def test_successful_logins_do_not_count_as_failures(client, auth):
    for _ in range(6):
        assert auth.login("coord", PASSWORD).status_code == 302
        auth.logout()
    assert not db.session.scalar(sa.select(sa.func.sum(LoginThrottle.failures)))


def test_logout_invalidates_the_session_cookie(app, client, auth):
    auth.login("coord")
    cookie = client.get_cookie("session")
    auth.logout()
    other = app.test_client()
    other.set_cookie("session", cookie.value)
    assert other.get("/").status_code == 302


def test_password_change_logs_out_other_sessions(app, as_coordinator):
    second = app.test_client()
    Auth(second).login("coord")
    assert second.get("/").status_code == 200
    response = as_coordinator.post("/account", data={
        "pw-current_password": PASSWORD, "pw-new_password": "ein-neues-langes-passwort",
        "pw-new_password_repeat": "ein-neues-langes-passwort"}, follow_redirects=True)
    assert "Ihr Passwort wurde geändert" in response.text
    assert as_coordinator.get("/").status_code == 200
    assert second.get("/").status_code == 302


def test_password_change_requires_the_old_password_and_length(as_coordinator):
    response = as_coordinator.post("/account", data={
        "pw-current_password": "falsch", "pw-new_password": "kurz", "pw-new_password_repeat": "kurz"})
    assert "Das Passwort muss mindestens 12 Zeichen lang sein." in response.text
    assert "Das bisherige Passwort ist falsch." in response.text


def test_passwords_are_stored_as_argon2_hashes(user):
    assert user("coord").password_hash.startswith("$argon2id$")
    assert PASSWORD not in user("coord").password_hash


def test_english_can_be_chosen_per_user(as_coordinator, user):
    as_coordinator.post("/account", data={"locale-locale": "en"})
    assert user("coord").locale == "en"


def test_inactive_user_cannot_log_in(auth, user):
    user("viewer").active = False
    db.session.commit()
    assert auth.login("viewer").status_code == 200
