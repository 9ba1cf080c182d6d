"""Runs SQL queries on Apache Spark in one session and prints each (small,
aggregated) result as JSON lines: a header {"query": k, "columns": [...]}, then one
JSON array per row. The queries come on stdin as a JSON array of strings. Each
--source (a JSON object: view, file, format, options) is registered as a temporary
view first, so the queries read the files where they lie. Used by `nanolift measure
--engine spark` (src/cli/spark.ts) and the integration tests; see docs/data.md.

    echo '["SELECT count(*) FROM panel"]' | python run_sql.py --master spark://127.0.0.1:7077 \
        --source '{"view": "panel", "file": "/data/panel.parquet", "format": "parquet"}'
"""
import argparse
import datetime
import decimal
import json
import sys


def plain(v):
    if isinstance(v, datetime.datetime):
        return v.date().isoformat() if (v.hour, v.minute, v.second, v.microsecond) == (0, 0, 0, 0) else v.isoformat()
    if isinstance(v, datetime.date):
        return v.isoformat()
    if isinstance(v, decimal.Decimal):
        return float(v)
    return v


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--master", required=True)
    p.add_argument("--source", action="append", default=[], help='a view on a file: {"view", "file", "format": csv|parquet|json, "options": {...}}')
    a = p.parse_args()
    queries = json.loads(sys.stdin.read())

    from pyspark.sql import SparkSession
    from pyspark.errors import PySparkException
    from py4j.protocol import Py4JJavaError

    spark = (
        SparkSession.builder.master(a.master)
        .appName("nanolift")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    try:
        for src in map(json.loads, a.source):
            spark.read.options(**src.get("options", {})).format(src["format"]).load(src["file"]).createOrReplaceTempView(src["view"])
        out = sys.stdout
        for k, sql in enumerate(queries):
            df = spark.sql(sql)
            out.write(json.dumps({"query": k, "columns": df.columns}) + "\n")
            for row in df.collect():
                out.write(json.dumps([plain(v) for v in row]) + "\n")
            out.flush()
    except (PySparkException, Py4JJavaError) as e:
        first = str(e).strip().split("\n")[0]
        sys.stderr.write("spark: " + first + "\n")
        return 2
    finally:
        spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
