"""Helpers shared by the tests: generated hostile inputs, graphics decoders, waiting, browser set-up."""
