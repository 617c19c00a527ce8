#!/usr/bin/env bash
# `make run`: migrate, load demo content, make sure an editor exists, then serve the portal on
# 127.0.0.1:8000 together with the task worker. Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
export DEBUG="${DEBUG:-true}"
HOST="${HOST:-127.0.0.1}"
PORT="${PORT:-8000}"

$PY manage.py migrate --noinput
$PY manage.py load_demo_content
$PY manage.py ensure_editor
$PY manage.py load_sample_cases

pids=()
stop() {
  trap - INT TERM EXIT
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap stop INT TERM EXIT

$PY manage.py db_worker --interval 0.5 --no-reload --no-startup-delay &
pids+=($!)
$PY manage.py runserver "$HOST:$PORT" --noreload &
pids+=($!)
echo "门户：http://$HOST:$PORT/   管理后台：http://$HOST:$PORT/admin/   接口文档：http://$HOST:$PORT/internal/api/v1/docs"
echo "按 Ctrl-C 停止网站与任务进程。"
# Either process ending ends the session, so a crashed worker is never left unnoticed.
wait -n "${pids[@]}"
