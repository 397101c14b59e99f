"""One exception family for everything that can go wrong with an input file.

Each class carries the `code` that the scan-result schema uses (`error.code`), so a
batch can turn any failure into a result line without inspecting messages.
"""

from __future__ import annotations


class ContractKitError(Exception):
    """Base class: a contract could not be read. `code` is the schema's error code."""

    code: str = "corrupt"

    def __init__(self, message: str, *, path: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path

    def to_dict(self) -> dict[str, str]:
        return {"code": self.code, "message": self.message}

    @staticmethod
    def from_dict(data: dict[str, str], path: str | None = None) -> ContractKitError:
        """The error `to_dict()` wrote, as its own class again (by its code)."""
        return ERROR_CLASSES.get(data["code"], ContractKitError)(data["message"], path=path)


class FileNotFound(ContractKitError):
    code = "not_found"


class NotAPDF(ContractKitError):
    code = "not_pdf"


class EncryptedPDF(ContractKitError):
    code = "encrypted"

    @classmethod
    def for_password(cls, password: str | None, path: str) -> EncryptedPDF:
        if password:
            return cls("the PDF is encrypted; the password given does not open it", path=path)
        return cls("the PDF is encrypted; pass password= to open it", path=path)


class CorruptFile(ContractKitError):
    code = "corrupt"


class NoTextLayer(ContractKitError):
    code = "no_text_layer"


class EmptyDocument(ContractKitError):
    code = "empty"


class TooLarge(ContractKitError):
    code = "too_large"


class ParseTimeout(ContractKitError):
    code = "timeout"


class UnsupportedFormat(ContractKitError):
    code = "unsupported"


ERROR_CLASSES: dict[str, type[ContractKitError]] = {
    cls.code: cls
    for cls in (
        FileNotFound,
        NotAPDF,
        EncryptedPDF,
        CorruptFile,
        NoTextLayer,
        EmptyDocument,
        TooLarge,
        ParseTimeout,
        UnsupportedFormat,
    )
}
