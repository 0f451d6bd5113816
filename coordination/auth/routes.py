"""Sign in, sign out, and the user's own account page."""
from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user

from coordination.auth import bp
from coordination.auth.forms import LocaleForm, LoginForm, PasswordChangeForm, SignatureForm
from coordination.forms import apply_service_error
from coordination.security import is_safe_next
from coordination.services import accounts
from coordination.services.base import ValidationError
from coordination.services.throttle import LoginThrottled


@bp.route("/login", methods=["GET", "POST"])
def login():
    if current_user.is_authenticated:
        return redirect(url_for("main.dashboard"))
    form = LoginForm()
    if request.method == "POST" and form.validate():
        try:
            user = accounts.authenticate(form.username.data.strip(), form.password.data,
                                         request.remote_addr or "unknown")
        except LoginThrottled:
            form.form_errors.append(_("Zu viele fehlgeschlagene Anmeldeversuche. Bitte warten Sie "
                                      "15 Minuten und versuchen Sie es dann erneut."))
            return render_template("auth/login.html", form=form), 429
        if user is None:
            form.form_errors.append(_("Benutzername oder Passwort ist falsch."))
        else:
            accounts.start_session(user)
            login_user(user)
            target = request.args.get("next")
            return redirect(target if is_safe_next(target) else url_for("main.dashboard"))
    return render_template("auth/login.html", form=form)


@bp.route("/logout", methods=["POST"])
def logout():
    accounts.end_session(current_user.get_id())
    logout_user()
    flash(_("Sie wurden abgemeldet."), "info")
    return redirect(url_for("auth.login"))


@bp.route("/account", methods=["GET", "POST"])
def account():
    password_form = PasswordChangeForm(prefix="pw")
    locale_form = LocaleForm(prefix="locale", locale=current_user.locale)
    signature_form = SignatureForm(prefix="sign", full_name=current_user.full_name,
                                   function=current_user.function)
    if request.method == "POST" and "sign-full_name" in request.form:
        if signature_form.validate_on_submit():
            try:
                accounts.update_signature(current_user, full_name=signature_form.full_name.data or "",
                                          function=signature_form.function.data or "")
            except ValidationError as error:
                apply_service_error(signature_form, error)
            else:
                flash(_("Name und Funktion wurden gespeichert."), "success")
                return redirect(url_for("auth.account"))
    elif request.method == "POST" and "pw-new_password" in request.form:
        if password_form.validate_on_submit():
            try:
                accounts.change_password(current_user, password_form.new_password.data, by=current_user,
                                         current_password=password_form.current_password.data,
                                         keep_session=current_user.get_id())
            except ValidationError as error:
                apply_service_error(password_form, error)
            else:
                flash(_("Ihr Passwort wurde geändert. Andere Anmeldungen wurden beendet."), "success")
                return redirect(url_for("auth.account"))
    elif request.method == "POST" and locale_form.validate_on_submit():
        accounts.set_locale(current_user, locale_form.locale.data)
        return redirect(url_for("auth.account"))
    return render_template("auth/account.html", password_form=password_form, locale_form=locale_form,
                           signature_form=signature_form,
                           breadcrumbs=[(_("Mein Konto"), None)])
