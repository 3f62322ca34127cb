"""The whole afterview store contract, run against this store."""

from afterview.testing import DurableStoreContract


class TestJsonFileStore(DurableStoreContract):
    pass
