#!/usr/bin/env python3
"""Check that the dev S3 server enforces Object Lock, as the evidence vault needs.

The vault's guarantees (COMPLIANCE retention, legal holds) are only real if
the *server* refuses the forbidden calls, so this probes them directly:

- a bucket created with Object Lock enabled reports it (and versioning);
- a PUT with COMPLIANCE retention is stored with that retention;
- deleting that version is refused, with or without the governance bypass;
- shortening the retention, or weakening it to GOVERNANCE, is refused;
- extending the retention is accepted;
- a legal hold can be set and cleared, and blocks deletion while set;
- a version whose retention has passed can be deleted;
- a bucket default retention protects a plain PUT.

Usage (not a pytest test; needs boto3):

    set -a; eval "$(deploy/s3.sh start)"; set +a
    python deploy/check_s3_object_lock.py

Reads S3_ENDPOINT, S3_ACCESS_KEY, S3_SECRET_KEY and S3_REGION. Each run makes
a new bucket whose locked objects cannot be removed until their retention
(CHECK_RETENTION_DAYS, default 2) runs out; that is the point.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import time
from collections.abc import Callable

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

RETENTION_DAYS = int(os.environ.get("CHECK_RETENTION_DAYS", "2"))

passes: list[str] = []
failures: list[str] = []
notes: list[str] = []


def check(name: str, fn: Callable[[], None]) -> None:
    try:
        fn()
    except Exception as exc:
        failures.append(name)
        print(f"FAIL  {name}: {type(exc).__name__}: {exc}")
    else:
        passes.append(name)
        print(f"ok    {name}")


def refused(call: Callable[[], object], codes: tuple[str, ...] = ("AccessDenied",)) -> None:
    """Assert that the server refuses `call` with one of `codes`."""
    try:
        call()
    except ClientError as exc:
        code = exc.response["Error"]["Code"]
        if code not in codes:
            raise AssertionError(f"refused with {code!r}, expected one of {codes}") from exc
        return
    raise AssertionError("the server accepted a call it must refuse")


def expect(actual: object, wanted: object, what: str) -> None:
    if actual != wanted:
        raise AssertionError(f"{what}: got {actual!r}, expected {wanted!r}")


def utcnow() -> dt.datetime:
    # S3 dates have whole seconds; compare like with like.
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def client():
    return boto3.client(
        "s3",
        endpoint_url=os.environ["S3_ENDPOINT"],
        aws_access_key_id=os.environ["S3_ACCESS_KEY"],
        aws_secret_access_key=os.environ["S3_SECRET_KEY"],
        region_name=os.environ.get("S3_REGION", "us-east-1"),
        config=Config(s3={"addressing_style": "path"}, retries={"max_attempts": 1}),
    )


def main() -> int:
    s3 = client()
    bucket = f"tipline-lockcheck-{int(time.time() * 1000)}"
    until = utcnow() + dt.timedelta(days=RETENTION_DAYS)
    state: dict[str, str] = {}
    print(f"endpoint {os.environ['S3_ENDPOINT']}, bucket {bucket}")

    def create_bucket() -> None:
        s3.create_bucket(Bucket=bucket, ObjectLockEnabledForBucket=True)
        conf = s3.get_object_lock_configuration(Bucket=bucket)["ObjectLockConfiguration"]
        expect(conf.get("ObjectLockEnabled"), "Enabled", "ObjectLockEnabled")
        expect(s3.get_bucket_versioning(Bucket=bucket).get("Status"), "Enabled", "versioning")

    def put_compliance() -> None:
        resp = s3.put_object(
            Bucket=bucket,
            Key="evidence/a.bin",
            Body=b"evidence bytes",
            ObjectLockMode="COMPLIANCE",
            ObjectLockRetainUntilDate=until,
        )
        state["vid"] = resp["VersionId"]
        head = s3.head_object(Bucket=bucket, Key="evidence/a.bin", VersionId=state["vid"])
        expect(head.get("ObjectLockMode"), "COMPLIANCE", "mode")
        expect(head.get("ObjectLockRetainUntilDate"), until, "retain-until")

    def delete_refused() -> None:
        refused(
            lambda: s3.delete_object(
                Bucket=bucket,
                Key="evidence/a.bin",
                VersionId=state["vid"],
            )
        )

    def bypass_refused() -> None:
        refused(
            lambda: s3.delete_object(
                Bucket=bucket,
                Key="evidence/a.bin",
                VersionId=state["vid"],
                BypassGovernanceRetention=True,
            )
        )

    def overwrite_keeps_version() -> None:
        # A plain DELETE only adds a delete marker; the locked version stays.
        s3.put_object(Bucket=bucket, Key="evidence/a.bin", Body=b"second")
        s3.delete_object(Bucket=bucket, Key="evidence/a.bin")
        got = s3.get_object(Bucket=bucket, Key="evidence/a.bin", VersionId=state["vid"])
        expect(got["Body"].read(), b"evidence bytes", "locked version body")

    def retention(mode: str, date: dt.datetime, **kw) -> Callable[[], object]:
        return lambda: s3.put_object_retention(
            Bucket=bucket,
            Key="evidence/a.bin",
            VersionId=state["vid"],
            Retention={"Mode": mode, "RetainUntilDate": date},
            **kw,
        )

    def shorten_refused() -> None:
        refused(retention("COMPLIANCE", until - dt.timedelta(days=1)))

    def weaken_refused() -> None:
        refused(retention("GOVERNANCE", until, BypassGovernanceRetention=True))

    def extend_accepted() -> None:
        longer = until + dt.timedelta(days=1)
        retention("COMPLIANCE", longer)()
        got = s3.get_object_retention(Bucket=bucket, Key="evidence/a.bin", VersionId=state["vid"])
        expect(got["Retention"]["RetainUntilDate"], longer, "extended retain-until")

    def legal_hold() -> None:
        vid = s3.put_object(Bucket=bucket, Key="held.bin", Body=b"held")["VersionId"]

        def hold(status: str) -> None:
            s3.put_object_legal_hold(
                Bucket=bucket, Key="held.bin", VersionId=vid, LegalHold={"Status": status}
            )
            got = s3.get_object_legal_hold(Bucket=bucket, Key="held.bin", VersionId=vid)
            expect(got["LegalHold"]["Status"], status, "legal hold")

        hold("ON")
        refused(
            lambda: s3.delete_object(
                Bucket=bucket, Key="held.bin", VersionId=vid, BypassGovernanceRetention=True
            )
        )
        hold("OFF")
        s3.delete_object(Bucket=bucket, Key="held.bin", VersionId=vid)

    def expiry_releases() -> None:
        # The refusals above must come from the retention date, not a blanket
        # "locked bucket" rule: once it passes, the version can be deleted.
        soon = utcnow() + dt.timedelta(seconds=3)
        vid = s3.put_object(
            Bucket=bucket,
            Key="short.bin",
            Body=b"s",
            ObjectLockMode="COMPLIANCE",
            ObjectLockRetainUntilDate=soon,
        )["VersionId"]
        refused(lambda: s3.delete_object(Bucket=bucket, Key="short.bin", VersionId=vid))
        time.sleep(max(0.0, (soon - utcnow()).total_seconds()) + 1.5)
        s3.delete_object(Bucket=bucket, Key="short.bin", VersionId=vid)

    def default_retention() -> None:
        s3.put_object_lock_configuration(
            Bucket=bucket,
            ObjectLockConfiguration={
                "ObjectLockEnabled": "Enabled",
                "Rule": {"DefaultRetention": {"Mode": "COMPLIANCE", "Days": 1}},
            },
        )
        vid = s3.put_object(Bucket=bucket, Key="defaulted.bin", Body=b"d")["VersionId"]
        refused(lambda: s3.delete_object(Bucket=bucket, Key="defaulted.bin", VersionId=vid))
        head = s3.head_object(Bucket=bucket, Key="defaulted.bin", VersionId=vid)
        if head.get("ObjectLockMode") != "COMPLIANCE":
            # Enforced, but unlike AWS not stamped on the version: readers that
            # need the date must set retention per object (the vault does).
            notes.append(
                "bucket default retention is enforced but not reported "
                "by HEAD/GetObjectRetention on the version"
            )

    # The later checks need the bucket and the locked version made here.
    check("bucket created with Object Lock and versioning", create_bucket)
    if not failures:
        check(f"PUT with COMPLIANCE retention ({RETENTION_DAYS} days)", put_compliance)
    if not failures:
        check("DELETE of the locked version is refused", delete_refused)
        check("DELETE with governance bypass is refused", bypass_refused)
        check("overwrite and plain DELETE keep the locked version", overwrite_keeps_version)
        check("shortening COMPLIANCE retention is refused", shorten_refused)
        check("weakening COMPLIANCE to GOVERNANCE is refused", weaken_refused)
        check("extending COMPLIANCE retention is accepted", extend_accepted)
        check("legal hold on blocks delete, off allows it", legal_hold)
        check("COMPLIANCE retention releases the version once it expires", expiry_releases)
        check("bucket default retention blocks deleting a plain PUT", default_retention)
    for note in notes:
        print(f"note  {note}")
    print(f"{len(passes)} passed, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
