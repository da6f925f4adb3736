-- The city's wards and communes for pickers, by name.
SELECT code, name FROM wards ORDER BY name, code;
