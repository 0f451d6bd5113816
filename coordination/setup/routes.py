"""First start: create the commune and the first admin (only while nothing is set up)."""
from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import login_user

from coordination.forms import apply_service_error
from coordination.queries.commune import is_set_up
from coordination.services import accounts
from coordination.services import commune as commune_service
from coordination.services.base import ValidationError
from coordination.setup import bp
from coordination.setup.forms import SetupForm


@bp.route("/setup", methods=["GET", "POST"])
def index():
    if is_set_up():
        return redirect(url_for("main.dashboard"))
    form = SetupForm()
    if form.validate_on_submit():
        try:
            admin = commune_service.set_up(
                commune_name=form.commune_name.data, kind=form.kind.data,
                advisory_body_name=form.advisory_body_name.data,
                districts=(form.districts.data or "").splitlines(),
                admin_username=form.admin_username.data, admin_password=form.admin_password.data,
                with_demo=form.with_demo.data, admin_full_name=form.admin_full_name.data or "",
                admin_function=form.admin_function.data or "")
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            accounts.start_session(admin)
            login_user(admin)
            flash(_("Integrationsnetz ist eingerichtet. Willkommen!"), "success")
            return redirect(url_for("main.dashboard"))
    return render_template("setup/index.html", form=form)
