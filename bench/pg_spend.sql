-- The PostgreSQL baseline of make bench (bench/pg_baseline.sh): a spend
-- as a conventional SQL service would write it, the cap checked under a
-- row lock and the entry and the course's sum written in one
-- transaction, committed with PostgreSQL's durable defaults (fsync,
-- synchronous_commit and full_page_writes on; the script states them).

CREATE TABLE course (
	citizen text NOT NULL,
	course int NOT NULL,
	cap bigint NOT NULL CHECK (cap >= 0),
	granted bigint NOT NULL CHECK (granted BETWEEN 0 AND cap),
	spent bigint NOT NULL DEFAULT 0 CHECK (spent BETWEEN 0 AND granted),
	PRIMARY KEY (citizen, course)
);

-- id is the client's idempotency key, 16 bytes like budgetd's.
CREATE TABLE entry (
	seq bigserial PRIMARY KEY,
	id uuid NOT NULL UNIQUE,
	citizen text NOT NULL,
	course int NOT NULL,
	category text NOT NULL,
	voucher text NOT NULL,
	amount bigint NOT NULL CHECK (amount > 0),
	value_date date NOT NULL,
	recorded_at timestamptz NOT NULL DEFAULT now(),
	FOREIGN KEY (citizen, course) REFERENCES course
);

-- Spends p_amount øre of the citizen's latest course and returns the
-- entry's seq. The course row is locked first, so two spends of one
-- course are serialised and neither can pass the cap on a stale sum; an
-- id seen before returns its entry's seq and changes nothing, as a
-- retried write does in budgetd. A refusal raises, which rolls the
-- transaction back.
CREATE FUNCTION spend(p_citizen text, p_amount bigint, p_category text,
    p_voucher text, p_id uuid) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
	c course%ROWTYPE;
	s bigint;
BEGIN
	IF p_amount <= 0 THEN
		RAISE EXCEPTION 'spend: amount % is not positive', p_amount;
	END IF;
	SELECT * INTO c FROM course WHERE citizen = p_citizen
	    ORDER BY course DESC LIMIT 1 FOR UPDATE;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'spend: % has no course', p_citizen;
	END IF;
	SELECT seq INTO s FROM entry WHERE id = p_id;
	IF FOUND THEN
		RETURN s;
	END IF;
	IF c.granted - c.spent < p_amount THEN
		RAISE EXCEPTION 'spend: % has % øre left, not %', p_citizen,
		    c.granted - c.spent, p_amount;
	END IF;
	INSERT INTO entry (id, citizen, course, category, voucher, amount,
	    value_date)
	    VALUES (p_id, p_citizen, c.course, p_category, p_voucher,
	    p_amount, (now() AT TIME ZONE 'Europe/Copenhagen')::date)
	    RETURNING seq INTO s;
	UPDATE course SET spent = spent + p_amount
	    WHERE citizen = c.citizen AND course = c.course;
	RETURN s;
END
$$;
