from django.contrib import admin

from ressort.background.models import ScheduledRun, WorkerHeartbeat


@admin.register(ScheduledRun)
class ScheduledRunAdmin(admin.ModelAdmin):
    list_display = ["name", "slot", "enqueued_at", "task_id"]
    list_filter = ["name"]


@admin.register(WorkerHeartbeat)
class WorkerHeartbeatAdmin(admin.ModelAdmin):
    list_display = ["worker_id", "hostname", "pid", "started_at", "last_seen"]
