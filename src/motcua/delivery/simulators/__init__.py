"""A stand-in for the post (bưu chính công ích) under /_sim/buu-dien/, for the demo and the
tests: the JSON API the generic HTTP plugin speaks by default, a page listing the parcels with
buttons to move them on, and a periodic job that moves them by itself."""
