"""Write-side operations. Views and CLI call these; each call is one transaction with an audit entry."""
