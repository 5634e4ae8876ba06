"""Persistence only: SQLAlchemy 2 ORM models and the engine/session setup.

Importing this package registers every model on ``Base.metadata`` so Alembic sees them.
"""

from models.api_key import ApiKey
from models.assessment import Assessment
from models.audit import (
    Audit,
    DocumentRow,
    Finding,
    InterviewRow,
    PayrollRow,
    RecruitmentRow,
    TimesheetRow,
)
from models.base import Base
from models.corrective_action import CorrectiveAction
from models.event import Event
from models.event_chain_head import EventChainHead
from models.import_job import ImportFile, ImportJob, ImportRowError
from models.organisation import Organisation
from models.rescore_job import RescoreJob
from models.review_case import CaseComment, ReviewCase
from models.risk_data_version import RiskDataVersion
from models.screening_list import ScreeningListEntity, ScreeningListVersion, SupplierListHit
from models.supplier import Supplier, SupplierDuplicate
from models.supply_link import LinkDocument, SupplyLink
from models.user import Membership, PasswordToken, SignInFailure, User, WebSession
from models.webhook_cursor import WebhookCursor
from models.webhook_delivery import WebhookAttempt, WebhookDelivery, WebhookMessage
from models.webhook_endpoint import WebhookEndpoint, WebhookSecret

__all__ = [
    "ApiKey",
    "Assessment",
    "Audit",
    "Base",
    "CaseComment",
    "CorrectiveAction",
    "DocumentRow",
    "Event",
    "EventChainHead",
    "Finding",
    "ImportFile",
    "ImportJob",
    "ImportRowError",
    "InterviewRow",
    "LinkDocument",
    "Membership",
    "Organisation",
    "PasswordToken",
    "PayrollRow",
    "RecruitmentRow",
    "RescoreJob",
    "ReviewCase",
    "RiskDataVersion",
    "ScreeningListEntity",
    "ScreeningListVersion",
    "SignInFailure",
    "Supplier",
    "SupplierDuplicate",
    "SupplierListHit",
    "SupplyLink",
    "TimesheetRow",
    "User",
    "WebSession",
    "WebhookAttempt",
    "WebhookCursor",
    "WebhookDelivery",
    "WebhookEndpoint",
    "WebhookMessage",
    "WebhookSecret",
]
