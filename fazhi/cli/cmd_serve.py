"""`fazhi serve` — the checker as a local web page (FastAPI + uvicorn)."""

from __future__ import annotations

import socket
from pathlib import Path
from typing import Optional

import typer

from fazhi.cli._common import stop

INSTALL_HINT = "fazhi serve 需要网页组件，请先安装：pip install 'fazhi[web]'"
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}


def _web_installed() -> bool:
    import importlib.util

    def found(name: str) -> bool:
        try:
            return importlib.util.find_spec(name) is not None
        except (ImportError, ValueError):
            return False

    uploads = found("python_multipart") or found("multipart")  # python-multipart, new and old names
    return found("fastapi") and found("uvicorn") and uploads


def _port_free(host: str, port: int) -> bool:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((host, port))
        except OSError:
            return False
    return True


def _check_keep(keep: Path) -> None:
    try:
        keep.mkdir(parents=True, exist_ok=True)
        probe = keep / ".fazhi-write-test"
        probe.write_text("", encoding="utf-8")
        probe.unlink()
    except OSError as exc:
        stop(f"{keep}: 无法写入保存目录（{exc.strerror or exc}），请换一个有写权限的文件夹")


def _check_history(path: Path) -> None:
    from fazhi.errors import InputError
    from fazhi.season.history import History

    try:
        History(path).close()
    except InputError as exc:
        stop(exc.one_line())


def _url(host: str, port: int) -> str:
    shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    return f"http://[{shown}]:{port}/" if ":" in shown else f"http://{shown}:{port}/"


def serve(
    host: str = typer.Option("127.0.0.1", "--host", help="监听地址；默认只允许本机访问，0.0.0.0 允许局域网访问"),
    port: int = typer.Option(8000, "--port", min=1, max=65535, help="端口"),
    keep: Optional[Path] = typer.Option(None, "--keep", help="把上传的文件和检查结果（JSON）另存到该文件夹；默认不保存"),
    profile: Optional[str] = typer.Option(None, "--profile", "-p", help="默认配置档名称或 .yaml 路径（默认：配置文件中的，否则 township）"),
    config: Optional[Path] = typer.Option(None, "--config", help="配置文件（fazhi.toml 或 pyproject.toml），对所有配置档生效；默认不读取"),
    history: Optional[Path] = typer.Option(None, "--history", help="把网页上的每次检查记入该历史记录文件（SQLite），显示各稿变化，可在“检查历史”页处理意见"),
    workers: int = typer.Option(2, "--workers", min=0, max=16, help="在几个子进程中检查上传的文件，超过每个文件的用时上限即强制停止；0 表示在服务进程的线程中检查（只能在规则之间停止）"),
    max_seconds: Optional[float] = typer.Option(None, "--max-seconds", help="每个文件的检查用时上限（秒，默认 10）"),
):
    """启动网页版：在浏览器里上传报告检查、生成模板、查看规则。"""
    if not _web_installed():
        stop(INSTALL_HINT)
    from fazhi.errors import ProfileError
    from fazhi.web import Settings, create_app

    try:
        from fazhi.limits import Limits

        if max_seconds is not None and max_seconds <= 0:
            stop(f"--max-seconds 必须大于 0，收到 {max_seconds:g}")
        limits = Limits().replace(seconds=max_seconds)
        app = create_app(Settings(profile=profile, config=config, keep=keep, host=host, history=history, workers=workers, limits=limits))
    except ProfileError as exc:
        stop(str(exc))
    if keep is not None:
        _check_keep(keep)
    if history is not None:
        _check_history(history)
    if not _port_free(host, port):
        stop(f"{host}:{port} 已被占用或无法监听，请用 --port 换一个端口（如 --port 8080）")

    import uvicorn

    typer.echo(f"fazhi 网页版已启动，请在浏览器打开：{_url(host, port)}")
    if host not in LOCAL_HOSTS:
        typer.echo("注意：监听地址不是本机，局域网内的其他电脑也能访问此页面。")
    typer.echo(f"默认配置档：{app.state.profiles.default_name}" + (f"，配置文件：{config}" if config else ""))
    if keep is not None:
        typer.echo(f"上传的文件和检查结果将保存在：{keep.resolve()}")
    typer.echo("按 Ctrl+C 停止。")
    uvicorn.run(app, host=host, port=port, log_level="warning")


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
