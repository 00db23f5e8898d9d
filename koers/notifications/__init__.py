"""How Koers may reach a youth: portal access, the youth's choice of notification mails, and the
notifications waiting to be mailed. Low in the layers (just above trajectories), so every service
that changes something a youth should hear of (a message, a plan) queues the notification in its
own transaction, whoever calls it."""
