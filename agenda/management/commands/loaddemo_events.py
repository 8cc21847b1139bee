"""``manage.py loaddemo_events``: the demo conferences, online conference,
study tour and programmes (after ``loaddemo``). Safe to run again."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from agenda import demo


class Command(BaseCommand):
    help = "Nạp dữ liệu mẫu về hội nghị, hội nghị trực tuyến, đoàn học tập kinh nghiệm và chương trình."

    def handle(self, *args, **options):
        events = demo.load_demo()
        self.stdout.write(_("Sự kiện mẫu: %(count)d.") % {"count": len(events)})
