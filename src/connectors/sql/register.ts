import {registerConnector} from '../../datasource/connector-registry';
import {MysqlAdapter} from './dialects/mysql';
import {PostgresqlAdapter} from './dialects/postgresql';
import {SqliteAdapter} from './dialects/sqlite';
import {SqlConnector} from './sql-connector';

// LoopBack's connector names (and `loopback-connector-<name>` through the registry).
registerConnector('postgresql', settings => new SqlConnector(new PostgresqlAdapter(settings), settings));
registerConnector('postgres', settings => new SqlConnector(new PostgresqlAdapter(settings), settings));
registerConnector('mysql', settings => new SqlConnector(new MysqlAdapter(settings), settings));
registerConnector('mariadb', settings => new SqlConnector(new MysqlAdapter(settings), settings));
registerConnector('sqlite', settings => new SqlConnector(new SqliteAdapter(settings), settings));
registerConnector('sqlite3', settings => new SqlConnector(new SqliteAdapter(settings), settings));
