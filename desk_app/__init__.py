"""BranchDesk: the branch business-processing centre's desktop application."""

__version__ = "0.1.0"
