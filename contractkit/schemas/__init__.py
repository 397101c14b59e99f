"""JSON schemas contractkit's outputs follow (copies of ../shared/spec, checked by tests)."""
