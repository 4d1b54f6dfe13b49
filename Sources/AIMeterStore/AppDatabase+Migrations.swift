import GRDB

extension AppDatabase {
    /// The schema history. Migrations are append-only: a shipped migration is never edited;
    /// a change is a new migration registered after the last one. They are written in SQL so
    /// that they keep meaning the same thing whatever the Swift types become.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1", migrate: createInitialSchema)
        return migrator
    }

    private static func createInitialSchema(_ db: Database) throws {
        // Mirror of the config's provider entries. `internalId` is the compact key that poll
        // rows reference (a 32-character id in millions of poll rows would dominate the file).
        try db.execute(
            sql: """
                CREATE TABLE provider (
                    internalId INTEGER PRIMARY KEY,
                    id TEXT NOT NULL UNIQUE CHECK (length(id) BETWEEN 1 AND 64),
                    type TEXT NOT NULL CHECK (type <> ''),
                    name TEXT,
                    region TEXT,
                    refreshIntervalMinutes INTEGER NOT NULL CHECK (refreshIntervalMinutes >= 0),
                    displayOrder INTEGER NOT NULL,
                    plan TEXT,
                    options TEXT NOT NULL DEFAULT '{}',
                    credentialKind TEXT,
                    isActive INTEGER NOT NULL DEFAULT 1 CHECK (isActive IN (0, 1)),
                    createdAt INTEGER NOT NULL,
                    updatedAt INTEGER NOT NULL
                );

                -- The ordered item names of a poll, shared by every poll with the same names.
                CREATE TABLE itemLayout (
                    id INTEGER PRIMARY KEY,
                    names TEXT NOT NULL UNIQUE
                );

                -- One row per successful poll, clustered by provider and time so that "latest"
                -- and "range" reads are contiguous. layoutId, usedPercents, bucketFlags and
                -- startsLayout are derived from the poll's items for fast history reads.
                CREATE TABLE poll (
                    id INTEGER NOT NULL UNIQUE,
                    providerInternalId INTEGER NOT NULL REFERENCES provider(internalId) ON DELETE CASCADE,
                    createdAt INTEGER NOT NULL,
                    plan TEXT,
                    costUsed REAL,
                    costLimit REAL,
                    costRemaining REAL,
                    costCurrency TEXT,
                    costPeriod TEXT,
                    layoutId INTEGER NOT NULL REFERENCES itemLayout(id),
                    usedPercents BLOB NOT NULL,
                    bucketFlags INTEGER NOT NULL CHECK (bucketFlags BETWEEN 0 AND 63),
                    startsLayout INTEGER NOT NULL CHECK (startsLayout IN (0, 1)),
                    PRIMARY KEY (providerInternalId, createdAt, id)
                ) WITHOUT ROWID;

                -- Covering partial indexes holding only the last poll of each 15/20/30-minute
                -- bucket: 90 days of half-hourly history read 1/6 of the polls, contiguously.
                CREATE INDEX pollLastIn15Minutes
                    ON poll(providerInternalId, createdAt, id, bucketFlags, layoutId, usedPercents, costUsed, costLimit)
                    WHERE bucketFlags & 4;
                CREATE INDEX pollLastIn20Minutes
                    ON poll(providerInternalId, createdAt, id, bucketFlags, layoutId, usedPercents, costUsed, costLimit)
                    WHERE bucketFlags & 8;
                CREATE INDEX pollLastIn30Minutes
                    ON poll(providerInternalId, createdAt, id, bucketFlags, layoutId, usedPercents, costUsed, costLimit)
                    WHERE bucketFlags & 16;
                -- Polls whose item names differ from the previous poll's (for history "k").
                CREATE INDEX pollLayoutStart ON poll(providerInternalId, createdAt, id, layoutId) WHERE startsLayout;

                -- The last poll of every hour of one provider-day, packed (see HourlyDigest):
                -- a year of hourly history is 365 rows per provider. Rebuilt from poll whenever
                -- an hour's last poll changes. A rowid table: its ~1.3 KB rows would overflow
                -- the pages of a WITHOUT ROWID table.
                CREATE TABLE hourlyDigest (
                    providerInternalId INTEGER NOT NULL REFERENCES provider(internalId) ON DELETE CASCADE,
                    day INTEGER NOT NULL,
                    points BLOB NOT NULL,
                    UNIQUE (providerInternalId, day)
                );

                -- One row per progress item per poll; appended in pollId order, so pages stay full.
                CREATE TABLE item (
                    pollId INTEGER NOT NULL REFERENCES poll(id) ON DELETE CASCADE,
                    position INTEGER NOT NULL CHECK (position >= 0),
                    name TEXT NOT NULL,
                    "desc" TEXT,
                    usedPercent REAL NOT NULL,
                    remainingPercent REAL,
                    used REAL,
                    "limit" REAL,
                    windowMinutes REAL,
                    resetsAt INTEGER,
                    resetDescription TEXT,
                    PRIMARY KEY (pollId, position)
                ) WITHOUT ROWID;

                CREATE TABLE fetchState (
                    providerId TEXT PRIMARY KEY NOT NULL REFERENCES provider(id) ON DELETE CASCADE,
                    lastAttemptAt INTEGER,
                    lastSuccessAt INTEGER,
                    lastFailedAt INTEGER,
                    lastFailureReason TEXT,
                    lastErrorCode TEXT,
                    authRequired INTEGER NOT NULL CHECK (authRequired IN (0, 1)),
                    consecutiveFailures INTEGER NOT NULL CHECK (consecutiveFailures >= 0),
                    nextDueAt INTEGER
                );

                -- Credentials the collector keeps (rotated OAuth tokens), AES-GCM sealed.
                CREATE TABLE credential (
                    providerId TEXT PRIMARY KEY NOT NULL REFERENCES provider(id) ON DELETE CASCADE,
                    sealed BLOB NOT NULL,
                    sourceFingerprint TEXT NOT NULL,
                    updatedAt INTEGER NOT NULL
                );

                CREATE TABLE setting (
                    "key" TEXT PRIMARY KEY NOT NULL,
                    value TEXT NOT NULL,
                    updatedAt INTEGER NOT NULL
                );
                """)
    }
}
