from django.db import models


class WorkerHeartbeat(models.Model):
    """A running `manage.py db_worker`: where it runs and when it last said it was alive.

    django-tasks-db records only an opaque worker id on each claimed task, so a task whose worker
    was killed stays RUNNING for ever. With this row another worker can tell "its worker is gone"
    from "still being run" (see `search.task_recovery`). It lives here because this app owns the
    `db_worker` command."""

    worker_id = models.CharField("工作进程标识", max_length=64, primary_key=True)
    # Hostname, kernel boot and pid namespace: where `pid` names this process and no other.
    host = models.CharField("主机", max_length=255)
    pid = models.PositiveIntegerField("进程号")
    # The process's start time (/proc), so a recycled pid is not taken for the worker.
    pid_started = models.CharField("进程启动标记", max_length=32, blank=True)
    started_at = models.DateTimeField("启动时间")
    last_seen = models.DateTimeField("最近心跳", db_index=True)

    class Meta:
        verbose_name = "任务工作进程心跳"
        verbose_name_plural = "任务工作进程心跳"

    def __str__(self):
        return f"{self.worker_id} ({self.host} pid {self.pid})"
