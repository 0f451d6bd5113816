"""All models, importable from one place (and registered with the metadata for Alembic)."""
from coordination.models.actors import Actor, ContactPerson
from coordination.models.analysis import AnalysisSettings, ConceptTexts, FindingAcceptance, Measure, Report
from coordination.models.api_tokens import ApiToken
from coordination.models.assessments import Assessment
from coordination.models.audit import AuditEntry
from coordination.models.commune import Commitment, Commune, Prerequisite
from coordination.models.contributions import Contribution, ContributionParticipant
from coordination.models.cooperations import Body, BodyMembership, Cooperation
from coordination.models.enums import (
                                          ActorStatus,
                                          AssessmentStatus,
                                          AuditAction,
                                          BodyKind,
                                          CommuneKind,
                                          ContributionKind,
                                          ContributionStatus,
                                          CooperationKind,
                                          MeasureStatus,
                                          ReportKind,
                                          Role,
)
from coordination.models.lists import ActorType, District, FieldOfAction, Language, TargetGroup
from coordination.models.monitoring import Indicator, IndicatorValue
from coordination.models.stored_analysis import StoredAnalysis
from coordination.models.uploads import ImportUpload
from coordination.models.users import LoginSession, LoginThrottle, User

__all__ = [
    "Actor", "ActorStatus", "ActorType", "AnalysisSettings", "ApiToken", "Assessment",
    "AssessmentStatus", "AuditAction", "AuditEntry", "Body", "BodyKind", "BodyMembership",
    "Commitment", "Commune", "CommuneKind", "ConceptTexts", "ContactPerson", "Contribution",
    "ContributionKind", "ContributionParticipant", "ContributionStatus", "Cooperation",
    "CooperationKind", "District", "FieldOfAction", "FindingAcceptance",
    "ImportUpload", "Indicator", "IndicatorValue", "Language", "LoginSession", "LoginThrottle", "Measure", "MeasureStatus",
    "Prerequisite", "Report", "ReportKind", "Role", "StoredAnalysis", "TargetGroup", "User",
]
