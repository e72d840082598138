"""Events of the ownership app, for the apps above it (ownership never imports them)."""

from django.dispatch import Signal

# A watch-list import finished (`watchlist_import`: the WatchlistImport); sent after its
# transaction committed. The reviews app re-screens the open cases on it.
watchlist_imported = Signal()
