"""Fixed value sets. Stored as their English value; shown via `label` (German by default)."""
from enum import StrEnum

from flask_babel import lazy_gettext as _l

from coordination.analysis.data import COORDINATING_BODY_KINDS


class Choice(StrEnum):
    """A value set whose members know their UI label."""

    @classmethod
    def _labels(cls) -> dict:
        raise NotImplementedError

    @property
    def label(self) -> str:
        return str(self._labels()[self])

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        return [(member.value, member.label) for member in cls]


class Role(Choice):
    ADMIN = "admin"
    COORDINATOR = "coordinator"
    VIEWER = "viewer"

    @classmethod
    def _labels(cls):
        return {cls.ADMIN: _l("Administration"), cls.COORDINATOR: _l("Koordination"),
                cls.VIEWER: _l("Lesezugriff")}

    @property
    def rank(self) -> int:
        """Roles are ordered: an admin may do all a coordinator may, a coordinator all a viewer may."""
        return {Role.VIEWER: 1, Role.COORDINATOR: 2, Role.ADMIN: 3}[self]


class CommuneKind(Choice):
    CITY = "stadt"
    DISTRICT = "landkreis"
    MUNICIPALITY = "gemeinde"

    @classmethod
    def _labels(cls):
        return {cls.CITY: _l("Stadt"), cls.DISTRICT: _l("Landkreis"), cls.MUNICIPALITY: _l("Gemeinde")}

    @property
    def council(self) -> str:
        return str({CommuneKind.CITY: _l("Stadtrat"), CommuneKind.DISTRICT: _l("Kreistag"),
                    CommuneKind.MUNICIPALITY: _l("Gemeinderat")}[self])


class ActorStatus(Choice):
    ACTIVE = "active"
    DORMANT = "dormant"
    DISSOLVED = "dissolved"

    @classmethod
    def _labels(cls):
        return {cls.ACTIVE: _l("aktiv"), cls.DORMANT: _l("ruhend"), cls.DISSOLVED: _l("aufgelöst")}


class ContributionStatus(Choice):
    PLANNED = "planned"
    ACTIVE = "active"
    ENDED = "ended"

    @classmethod
    def _labels(cls):
        return {cls.PLANNED: _l("geplant"), cls.ACTIVE: _l("aktiv"), cls.ENDED: _l("beendet")}


class ContributionKind(Choice):
    COUNSELLING = "counselling"
    COURSE = "course"
    ENCOUNTER = "encounter"
    GUIDANCE = "guidance"
    QUALIFICATION = "qualification"
    PROJECT = "project"
    INFORMATION = "information"

    @classmethod
    def _labels(cls):
        return {cls.COUNSELLING: _l("Beratung"), cls.COURSE: _l("Kurs"),
                cls.ENCOUNTER: _l("Begegnung"), cls.GUIDANCE: _l("Lotse/Vermittlung"),
                cls.QUALIFICATION: _l("Qualifizierung"), cls.PROJECT: _l("Projekt"),
                cls.INFORMATION: _l("Information")}


class CooperationKind(Choice):
    AGREEMENT = "agreement"
    PROJECT_PARTNERSHIP = "project_partnership"
    REFERRAL = "referral"
    FUNDING = "funding"
    MEMBERSHIP = "membership"
    INFORMAL = "informal"

    @classmethod
    def _labels(cls):
        return {cls.AGREEMENT: _l("Kooperationsvereinbarung"),
                cls.PROJECT_PARTNERSHIP: _l("Projektpartnerschaft"),
                cls.REFERRAL: _l("Verweisberatung/Überleitung"),
                cls.FUNDING: _l("Förderung/Finanzierung"),
                cls.MEMBERSHIP: _l("Mitgliedschaft/Dachverband"),
                cls.INFORMAL: _l("informeller Austausch")}


class BodyKind(Choice):
    ROUND_TABLE = "round_table"
    WORKING_GROUP = "working_group"
    STEERING_GROUP = "steering_group"
    ADVISORY_COUNCIL = "advisory_council"
    INTEGRATION_CONFERENCE = "integration_conference"
    DEMOCRACY_PARTNERSHIP = "democracy_partnership"
    OTHER = "other"

    @classmethod
    def _labels(cls):
        return {cls.ROUND_TABLE: _l("Runder Tisch"), cls.WORKING_GROUP: _l("Arbeitskreis"),
                cls.STEERING_GROUP: _l("Steuerungs-/Lenkungsgruppe"),
                cls.ADVISORY_COUNCIL: _l("Integrationsbeirat/-rat"),
                cls.INTEGRATION_CONFERENCE: _l("Integrationskonferenz"),
                cls.DEMOCRACY_PARTNERSHIP: _l("Partnerschaft für Demokratie (Begleitausschuss)"),
                cls.OTHER: _l("Sonstiges Gremium")}

    @property
    def coordinates(self) -> bool:
        """Bodies that steer or coordinate the integration work (gap rule no-coordinating-body)."""
        return self.value in COORDINATING_BODY_KINDS


class AssessmentStatus(Choice):
    IMPLEMENTED = "implemented"
    PARTIAL = "partial"
    PLANNED = "planned"
    NOT_IMPLEMENTED = "not_implemented"
    NOT_APPLICABLE = "not_applicable"

    @classmethod
    def _labels(cls):
        return {cls.IMPLEMENTED: _l("umgesetzt"), cls.PARTIAL: _l("teilweise umgesetzt"),
                cls.PLANNED: _l("in Planung"), cls.NOT_IMPLEMENTED: _l("nicht umgesetzt"),
                cls.NOT_APPLICABLE: _l("nicht zutreffend")}


class AuditAction(Choice):
    CREATE = "create"
    UPDATE = "update"
    DELETE = "delete"

    @classmethod
    def _labels(cls):
        return {cls.CREATE: _l("angelegt"), cls.UPDATE: _l("geändert"), cls.DELETE: _l("gelöscht")}


class MeasureStatus(Choice):
    PROPOSED = "proposed"
    AGREED = "agreed"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    DROPPED = "dropped"

    @classmethod
    def _labels(cls):
        return {cls.PROPOSED: _l("vorgeschlagen"), cls.AGREED: _l("beschlossen"),
                cls.IN_PROGRESS: _l("in Umsetzung"), cls.DONE: _l("erledigt"),
                cls.DROPPED: _l("verworfen")}

    @property
    def is_open(self) -> bool:
        """Still a next step (shown under "Nächste Schritte" in the council report)."""
        return self in (MeasureStatus.PROPOSED, MeasureStatus.AGREED, MeasureStatus.IN_PROGRESS)


class ReportKind(Choice):
    STATUS_REPORT = "sachstandsbericht"
    BUILDING_BLOCKS = "bausteine"

    @classmethod
    def _labels(cls):
        return {cls.STATUS_REPORT: _l("Sachstandsbericht"),
                cls.BUILDING_BLOCKS: _l("Bausteine für das Integrationskonzept")}
