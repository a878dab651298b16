"""Reading a posting's text: `posting.parse` runs every field finder in turn, then the checklist.

Empty on purpose: importing one finder (the dashboard needs the requirements and dates ones) must not
compile the regular expressions of all the others, some 50 ms of every start.
"""
