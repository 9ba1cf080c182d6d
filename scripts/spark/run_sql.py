"""Runs one SQL query on Apache Spark and prints the (small, aggregated) result as
JSON lines: first {"columns": [...]}, then one JSON array per row. The panel file,
when given, is registered as a temporary view first, so the query reads it where it
lies. Used by `nanolift measure --engine spark` (src/cli/spark.ts) and the
integration tests; see docs/data.md.

    python run_sql.py --master spark://127.0.0.1:7077 --file panel.parquet --format parquet \
        --view panel < query.sql
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
    p.add_argument("--file", help="a file to register as the view")
    p.add_argument("--format", default="csv", choices=["csv", "parquet", "json"])
    p.add_argument("--options", default="{}", help="reader options as JSON, e.g. {\"sep\": \";\"}")
    p.add_argument("--view", default="panel")
    a = p.parse_args()
    sql = sys.stdin.read()

    from pyspark.sql import SparkSession
    from pyspark.errors import PySparkException
    from py4j.protocol import Py4JJavaError

    spark = (
        SparkSession.builder.master(a.master)
        .appName("nanolift")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    try:
        if a.file:
            spark.read.options(**json.loads(a.options)).format(a.format).load(a.file).createOrReplaceTempView(a.view)
        df = spark.sql(sql)
        out = sys.stdout
        out.write(json.dumps({"columns": df.columns}) + "\n")
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
