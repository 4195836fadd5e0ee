-- What a learner may not do in their sandbox beyond what their role's attributes forbid. Runs as the cluster owner in
-- the template (copied into every sandbox) and, for sandboxes made from an older template, once in each of them
-- (TemplateLockdown). Idempotent. The privileges of pg_catalog objects are kept per database, also for the shared
-- catalogs (pg_database, pg_authid): this changes the sandboxes only.

-- Advisory locks live in the server's shared lock table. A learner who takes them in a loop fills it, and then no
-- one can connect, not even the superuser. Learners never need them (unlock stays allowed: it takes nothing).
DO $$
DECLARE f pg_catalog.regprocedure;
BEGIN
  FOR f IN SELECT p.oid::pg_catalog.regprocedure FROM pg_catalog.pg_proc p
           WHERE p.pronamespace = 'pg_catalog'::pg_catalog.regnamespace
             AND p.proname LIKE 'pg\_%advisory%lock%' AND p.proname NOT LIKE '%unlock%'
  LOOP
    EXECUTE pg_catalog.format('REVOKE EXECUTE ON FUNCTION %s FROM PUBLIC', f);
  END LOOP;
END $$;

-- Other learners' databases, roles and sessions are none of a learner's business. pg_stat_progress_create_index
-- stays readable (the index explorer and lab 6 watch their own builds with it).
REVOKE SELECT ON pg_catalog.pg_database, pg_catalog.pg_roles, pg_catalog.pg_user, pg_catalog.pg_group,
    pg_catalog.pg_auth_members, pg_catalog.pg_db_role_setting, pg_catalog.pg_shdescription,
    pg_catalog.pg_stat_activity, pg_catalog.pg_stat_database, pg_catalog.pg_stat_database_conflicts,
    pg_catalog.pg_stat_ssl, pg_catalog.pg_stat_gssapi, pg_catalog.pg_locks,
    pg_catalog.pg_stat_progress_vacuum, pg_catalog.pg_stat_progress_analyze, pg_catalog.pg_stat_progress_cluster,
    pg_catalog.pg_stat_progress_basebackup, pg_catalog.pg_stat_progress_copy
  FROM PUBLIC;
DO $$
DECLARE f pg_catalog.regprocedure;
BEGIN
  FOR f IN SELECT p.oid::pg_catalog.regprocedure FROM pg_catalog.pg_proc p
           WHERE p.pronamespace = 'pg_catalog'::pg_catalog.regnamespace
             AND (p.proname IN ('pg_stat_get_activity', 'pg_lock_status') OR p.proname LIKE 'pg\_stat\_get\_backend\_%')
  LOOP
    EXECUTE pg_catalog.format('REVOKE EXECUTE ON FUNCTION %s FROM PUBLIC', f);
  END LOOP;
END $$;
