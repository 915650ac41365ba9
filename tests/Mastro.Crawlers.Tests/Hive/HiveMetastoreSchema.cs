using Npgsql;

namespace Mastro.Crawlers.Tests.Hive;

/// <summary>
/// The metastore tables the crawler reads, as created by Hive's own PostgreSQL schema script
/// (apache/hive standalone-metastore/src/main/sql/postgres/hive-schema-3.1.0.postgres.sql, Apache-2.0),
/// copied verbatim for these tables, plus rows describing a small warehouse.
/// </summary>
public static class HiveMetastoreSchema
{
    public const string Ddl = """
        SET standard_conforming_strings = off;
        CREATE TABLE "CDS" (
            "CD_ID" bigint NOT NULL
        );
        CREATE TABLE "COLUMNS_V2" (
            "CD_ID" bigint NOT NULL,
            "COMMENT" character varying(4000),
            "COLUMN_NAME" character varying(767) NOT NULL,
            "TYPE_NAME" text,
            "INTEGER_IDX" integer NOT NULL
        );
        CREATE TABLE "DATABASE_PARAMS" (
            "DB_ID" bigint NOT NULL,
            "PARAM_KEY" character varying(180) NOT NULL,
            "PARAM_VALUE" character varying(4000) DEFAULT NULL::character varying
        );
        CREATE TABLE "DBS" (
            "DB_ID" bigint NOT NULL,
            "DESC" character varying(4000) DEFAULT NULL::character varying,
            "DB_LOCATION_URI" character varying(4000) NOT NULL,
            "NAME" character varying(128) DEFAULT NULL::character varying,
            "OWNER_NAME" character varying(128) DEFAULT NULL::character varying,
            "OWNER_TYPE" character varying(10) DEFAULT NULL::character varying,
            "CTLG_NAME" varchar(256)
        );
        CREATE TABLE "PARTITION_KEYS" (
            "TBL_ID" bigint NOT NULL,
            "PKEY_COMMENT" character varying(4000) DEFAULT NULL::character varying,
            "PKEY_NAME" character varying(128) NOT NULL,
            "PKEY_TYPE" character varying(767) NOT NULL,
            "INTEGER_IDX" bigint NOT NULL
        );
        CREATE TABLE "SDS" (
            "SD_ID" bigint NOT NULL,
            "INPUT_FORMAT" character varying(4000) DEFAULT NULL::character varying,
            "IS_COMPRESSED" boolean NOT NULL,
            "LOCATION" character varying(4000) DEFAULT NULL::character varying,
            "NUM_BUCKETS" bigint NOT NULL,
            "OUTPUT_FORMAT" character varying(4000) DEFAULT NULL::character varying,
            "SERDE_ID" bigint,
            "CD_ID" bigint,
            "IS_STOREDASSUBDIRECTORIES" boolean NOT NULL
        );
        CREATE TABLE "SERDES" (
            "SERDE_ID" bigint NOT NULL,
            "NAME" character varying(128) DEFAULT NULL::character varying,
            "SLIB" character varying(4000) DEFAULT NULL::character varying,
            "DESCRIPTION" varchar(4000),
            "SERIALIZER_CLASS" varchar(4000),
            "DESERIALIZER_CLASS" varchar(4000),
            "SERDE_TYPE" integer
        );
        CREATE TABLE "SERDE_PARAMS" (
            "SERDE_ID" bigint NOT NULL,
            "PARAM_KEY" character varying(256) NOT NULL,
            "PARAM_VALUE" text DEFAULT NULL
        );
        CREATE TABLE "TABLE_PARAMS" (
            "TBL_ID" bigint NOT NULL,
            "PARAM_KEY" character varying(256) NOT NULL,
            "PARAM_VALUE" text DEFAULT NULL
        );
        CREATE TABLE "TBLS" (
            "TBL_ID" bigint NOT NULL,
            "CREATE_TIME" bigint NOT NULL,
            "DB_ID" bigint,
            "LAST_ACCESS_TIME" bigint NOT NULL,
            "OWNER" character varying(767) DEFAULT NULL::character varying,
            "OWNER_TYPE" character varying(10) DEFAULT NULL::character varying,
            "RETENTION" bigint NOT NULL,
            "SD_ID" bigint,
            "TBL_NAME" character varying(256) DEFAULT NULL::character varying,
            "TBL_TYPE" character varying(128) DEFAULT NULL::character varying,
            "VIEW_EXPANDED_TEXT" text,
            "VIEW_ORIGINAL_TEXT" text,
            "IS_REWRITE_ENABLED" boolean NOT NULL DEFAULT false
        );
        SET standard_conforming_strings = on;
        """;

    /// <summary>
    /// Two databases (the original kept only the last), a partitioned Parquet table, a text table with the same
    /// bare name in both databases (the original's names collided), a view and a Spark datasource table.
    /// </summary>
    public const string Warehouse = """
        INSERT INTO "DBS" VALUES
          (1, 'Default Hive database', 's3a://warehouse/', 'default', 'public', 'ROLE', 'hive'),
          (2, 'Sales data', 's3a://warehouse/sales.db', 'sales', 'etl', 'USER', 'hive');
        INSERT INTO "DATABASE_PARAMS" VALUES (2, 'team', 'revenue');

        INSERT INTO "SERDES" VALUES
          (1, NULL, 'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe', NULL, NULL, NULL, 0),
          (2, NULL, 'org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe', NULL, NULL, NULL, 0),
          (3, NULL, 'org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe', NULL, NULL, NULL, 0),
          (4, NULL, 'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe', NULL, NULL, NULL, 0);
        INSERT INTO "SERDE_PARAMS" VALUES (2, 'field.delim', ','), (2, 'serialization.format', ',');
        INSERT INTO "CDS" VALUES (1), (2), (3), (4), (5);
        INSERT INTO "COLUMNS_V2" VALUES
          (1, 'order key', 'order_id', 'bigint', 0),
          (1, NULL, 'amount', 'decimal(10,2)', 1),
          (1, NULL, 'customer', 'struct<id:int,name:string>', 2),
          (2, NULL, 'code', 'string', 0),
          (2, NULL, 'label', 'string', 1),
          (3, NULL, 'code', 'string', 0),
          (4, NULL, 'order_id', 'bigint', 0),
          (5, 'from deserializer', 'col', 'array<string>', 0);
        INSERT INTO "SDS" VALUES
          (1, 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat', false, 's3a://warehouse/sales.db/orders', -1, 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat', 1, 1, false),
          (2, 'org.apache.hadoop.mapred.TextInputFormat', false, 's3a://warehouse/sales.db/lookup', -1, 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat', 2, 2, false),
          (3, 'org.apache.hadoop.mapred.TextInputFormat', false, 's3a://warehouse/lookup', -1, 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat', 3, 3, false),
          (4, NULL, false, NULL, -1, NULL, NULL, 4, false),
          (5, 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat', false, 's3a://warehouse/tmppartable', -1, 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat', 4, 5, false);
        INSERT INTO "TBLS" VALUES
          (10, 1609459200, 2, 0, 'etl', 'USER', 0, 1, 'orders', 'EXTERNAL_TABLE', NULL, NULL, false),
          (11, 1609459200, 2, 0, 'etl', 'USER', 0, 2, 'lookup', 'MANAGED_TABLE', NULL, NULL, false),
          (12, 1612137600, 1, 0, 'hive', 'USER', 0, 3, 'lookup', 'MANAGED_TABLE', NULL, NULL, false),
          (13, 1612137600, 2, 0, 'etl', 'USER', 0, 4, 'big_orders', 'VIRTUAL_VIEW', 'SELECT `order_id` FROM `sales`.`orders` WHERE `amount` > 100', 'select order_id from orders where amount > 100', false),
          (14, 1651677692, 1, 0, 'user1', 'USER', 0, 5, 'tmppartable', 'MANAGED_TABLE', NULL, NULL, false);
        INSERT INTO "PARTITION_KEYS" VALUES
          (10, 'ingestion day', 'dt', 'string', 0),
          (10, NULL, 'region', 'string', 1);
        INSERT INTO "TABLE_PARAMS" VALUES
          (10, 'comment', 'All orders'), (10, 'EXTERNAL', 'TRUE'), (10, 'numRows', '1200'),
          (14, 'spark.sql.sources.provider', 'parquet'),
          (14, 'spark.sql.sources.schema.numParts', '2'),
          (14, 'spark.sql.sources.schema.part.0', '{"type":"struct","fields":[{"name":"value","type":"integer",'),
          (14, 'spark.sql.sources.schema.part.1', '"nullable":false,"metadata":{"comment":"the value"}}]}');
        """;

    public static async Task LoadAsync(string connectionString, string? schema = null)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var prefix = schema is null ? "" : $"CREATE SCHEMA \"{schema}\"; SET search_path = \"{schema}\";";
        await using var command = dataSource.CreateCommand(prefix + Ddl + Warehouse);
        await command.ExecuteNonQueryAsync();
    }
}
