"""What the season adds to `fazhi check` / `fazhi ci`, in the few calls the shared
command module makes: `open_season` before the batch (history file, baseline),
`on_report` as each report is done, `after_batch` (copying between the reports,
changes since the previous version, baseline marks), `failing`, `close`."""

from __future__ import annotations

from fazhi.cli._common import say, stop
from fazhi.errors import InputError
from fazhi.season.session import Season


class RunSeason(Season):
    def __init__(self, profile, history_path=None, baseline_path=None, write_baseline=False):
        super().__init__(profile, history_path, fingerprints=baseline_path is not None)
        self.baseline_path = baseline_path
        self.write_baseline = write_baseline
        self.baseline = None
        if baseline_path is not None and not write_baseline:
            from fazhi.season import baseline

            self.baseline = baseline.load(baseline_path)

    def after_batch(self, reports: list, *, many: bool, copies=None) -> None:
        from fazhi.season import baseline

        super().after_batch(reports, many=many, copies=copies)
        if self.write_baseline and self.baseline_path is not None:
            try:
                n = baseline.write(self.baseline_path, reports)
            except InputError as exc:
                stop(exc.one_line())
            say(f"fazhi: 已写出基线 {self.baseline_path}（{len(reports)} 份报告，{n} 条意见）；以后只有新的意见会判为失败")
            self.baseline = baseline.load(self.baseline_path)
            baseline.mark(reports, self.baseline)
        elif self.baseline is not None:
            baseline.mark(reports, self.baseline)

    def failing(self, fail, settings):
        """With a baseline, only new findings fail (whatever the score)."""
        if self.baseline is None:
            return fail
        from fazhi.season import baseline

        return baseline.failing(settings.fail_on)


def open_season(opts, settings) -> RunSeason:
    if opts.write_baseline and opts.baseline is None:
        stop("--write-baseline 需要同时给出 --baseline FILE（写到哪个文件）")
    try:
        return RunSeason(settings.profile, opts.history, opts.baseline, opts.write_baseline)
    except InputError as exc:
        stop(exc.one_line())
