"""Against a real SMTP server (aiosmtpd on 127.0.0.1): a server that is down loses no mail."""

import datetime as dt

import pytest
import time_machine
from aiosmtpd.controller import Controller
from django.utils import timezone

from koers.outbox.models import MailStatus, OutgoingMail
from koers.outbox.services import mail_queue, mail_send_due
from tests.outbox.conftest import free_port

pytestmark = pytest.mark.django_db


class Collector:
    def __init__(self):
        self.envelopes = []

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append(envelope)
        return "250 OK"


def test_mail_queued_while_the_server_is_down_arrives_once_when_it_is_back(smtp_at):
    port = free_port()
    smtp_at(port)
    collector = Collector()
    controller = Controller(collector, hostname="127.0.0.1", port=port)
    start = timezone.now()
    addresses = [f"jongere{number}@example.org" for number in range(5)]

    with time_machine.travel(start):
        for address in addresses:
            mail_queue(to=address, subject="Herinnering", body="Morgen om 10.00 uur: gesprek.", kind="reminder")
        assert mail_send_due() == 0
    assert list(OutgoingMail.objects.values_list("status", "attempts")) == [(MailStatus.QUEUED, 1)] * 5

    controller.start()
    try:
        with time_machine.travel(start + dt.timedelta(minutes=2)):
            assert mail_send_due() == 5
        with time_machine.travel(start + dt.timedelta(hours=1)):
            assert mail_send_due() == 0
    finally:
        controller.stop()

    assert sorted(recipient for envelope in collector.envelopes for recipient in envelope.rcpt_tos) == addresses
    assert set(OutgoingMail.objects.values_list("status", flat=True)) == {MailStatus.SENT}
    message_ids = {envelope.content.split(b"Message-ID: ")[1].split(b"\r\n")[0] for envelope in collector.envelopes}
    assert len(message_ids) == 5
