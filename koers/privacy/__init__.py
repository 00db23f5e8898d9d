"""The youth's personal data as one list (`registry`), and its reading (`selectors`).

A layer of its own, just under the portal: it imports the models of every app that holds a youth's
data (messaging and everything below it), and the portal's data download reads it. The retention
period will use the same registry. It is no Django app: it has no models."""
