"""The sample contracts, one data module each (texts and clause annotations only)."""

from samplegen.contracts import daas, hardware, licence, managed, poor, saas, scanned

CONTRACTS = (
    hardware.CONTRACT,
    saas.CONTRACT,
    licence.CONTRACT,
    daas.CONTRACT,
    managed.CONTRACT,
    poor.CONTRACT,
    scanned.CONTRACT,
)
