INSERT INTO wall_layouts (id, layout, edited_by, edited_at) VALUES ($1, $2::jsonb, $3, now())
ON CONFLICT (id) DO UPDATE SET layout = EXCLUDED.layout, edited_by = EXCLUDED.edited_by, edited_at = now();
