"""People: who the service knows (from the identity headers, on their first visit), their profile and privacy.

- ``visits``: a visit stores or refreshes the person, their groups and when they were last seen;
- ``directory``: finding colleagues by name (the @ autocomplete), never a low-profile one;
- ``views``: the API (``/api/people``, the viewer's profile).
"""
