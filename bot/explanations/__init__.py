"""Explanations ("begrunnelse", universitets- og høyskoleloven § 11-8): the graders of a
candidate's committee are told of each request, reminded before the legal deadline and
told when it has passed; one of them records "Explanation given". Consultants hear of late
requests, requests nobody can be told of, and overdue ones.

`requests` reads and changes the store (what a request is about, who may record it given,
the open requests of a person); `steps` are the scheduler's part. No grade is ever read
here: none of these messages shows one.
"""
