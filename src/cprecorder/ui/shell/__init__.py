"""The window's frame.

Start-up, the main window and its actions, remembered settings, the theme, one
window per data folder, who is using the app, and the start view.
"""
