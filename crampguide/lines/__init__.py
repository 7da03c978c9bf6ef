"""Line-by-line forms of the guide, for screen readers, pipes and tiny terminals.

Plain Python with no Textual import: the same content and engines as the app (`TriageWalk`, `RoutineTimer`),
written as lines of text. Input, output and time are passed in, so the tests need no terminal and no waiting.
"""
