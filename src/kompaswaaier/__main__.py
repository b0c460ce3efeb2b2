from kompaswaaier.cli import entry_point

entry_point()
