"""The postal plugins (`delivery.providers`), one package each."""
