"""All tables of the branch database; importing this package registers them on Base.metadata."""

from desk_app.store.models.audit import AuditEntry
from desk_app.store.models.cases import CaseEvent, Proposal, ProposalProduct
from desk_app.store.models.contracts import ArchiveEntry, ContractPrint, ReprintRequest
from desk_app.store.models.entry import (
    EntryField,
    EntryPass,
    EntryValue,
    InsuredColumnMapping,
    InsuredList,
    InsuredPerson,
)
from desk_app.store.models.intake import Deficiency, Intake, IntakeChecklistItem, PrintJob
from desk_app.store.models.problems import ProblemCase, ProblemEvent, ProblemItem, RuleResult, RuleRun
from desk_app.store.models.refdata import (
    Agent,
    AuthorityGrant,
    AuthorityLevel,
    BenefitLevel,
    Intermediary,
    OccupationClass,
    Policy,
    Product,
    RefDataVersion,
)
from desk_app.store.models.scanning import Page, ScanBatch
from desk_app.store.models.settings import BranchInfo
from desk_app.store.models.stationery import StationeryBatch, StationeryNumber
from desk_app.store.models.sync import (
    PageBlob,
    SyncAck,
    SyncBlobUpload,
    SyncConflict,
    SyncOutbox,
    SyncRowVersion,
    SyncState,
)
from desk_app.store.models.underwriting import PolicyNumber, UwDecision, UwIssue
from desk_app.store.models.users import User, UserRole

__all__ = [
    "ArchiveEntry",
    "ContractPrint",
    "ReprintRequest",
    "AuthorityGrant",
    "PolicyNumber",
    "UwDecision",
    "UwIssue",
    "ProblemCase",
    "ProblemEvent",
    "ProblemItem",
    "RuleResult",
    "RuleRun",
    "EntryField",
    "EntryPass",
    "EntryValue",
    "InsuredColumnMapping",
    "InsuredList",
    "InsuredPerson",
    "Deficiency",
    "Intake",
    "IntakeChecklistItem",
    "PrintJob",
    "StationeryBatch",
    "StationeryNumber",
    "Agent",
    "AuditEntry",
    "AuthorityLevel",
    "BenefitLevel",
    "BranchInfo",
    "CaseEvent",
    "Intermediary",
    "OccupationClass",
    "Page",
    "PageBlob",
    "Policy",
    "Product",
    "Proposal",
    "ProposalProduct",
    "RefDataVersion",
    "ScanBatch",
    "SyncAck",
    "SyncBlobUpload",
    "SyncConflict",
    "SyncOutbox",
    "SyncRowVersion",
    "SyncState",
    "User",
    "UserRole",
]
