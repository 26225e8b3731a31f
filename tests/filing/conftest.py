from tests.documents.files import private_root

__all__ = ["private_root"]
