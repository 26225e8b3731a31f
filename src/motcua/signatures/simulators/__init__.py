"""Stand-ins for the signing services outside motcua: a remote-signing provider (its JSON API and
the key holder's "phone" page, under /_sim/ky-so-tu-xa/) and the signing plug-in that runs on a
leader's computer (`plugin_service`, a small local HTTP server). For the demo and the tests."""
