"""Use cases: each public function is one user action, one transaction, plain objects out."""
