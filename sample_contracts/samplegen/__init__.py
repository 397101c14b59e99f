"""Building blocks of the synthetic contract generator (see ``sample_contracts/generate.py``)."""
