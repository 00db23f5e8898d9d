"""Writes of the secure conversation, one module per subdomain: messages (sending, read
receipts), notification_mails (the worker's job) and youth_answers (aftercare answers, a sub-goal
done). Import from here (`koers.messaging.services`) or from the submodule."""

from koers.messaging.services.messages import MAX_BODY, MAX_FILES, conversation_read, message_send
from koers.messaging.services.notification_mails import (
    BATCH_DELAY,
    NOTIFICATION_TEXT,
    appointment_reminders_queue,
    check_in_invitations_queue,
    notification_mail,
    notifications_flush,
)
from koers.messaging.services.youth_answers import CheckInAnswered, check_in_answer, sub_goal_done_by_youth

__all__ = [
    "BATCH_DELAY",
    "CheckInAnswered",
    "MAX_BODY",
    "MAX_FILES",
    "NOTIFICATION_TEXT",
    "appointment_reminders_queue",
    "check_in_answer",
    "check_in_invitations_queue",
    "conversation_read",
    "message_send",
    "notification_mail",
    "notifications_flush",
    "sub_goal_done_by_youth",
]
