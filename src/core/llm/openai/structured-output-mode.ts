/**
 * How a server takes the expected answer's schema. OpenAI, vLLM, LM Studio and llama.cpp's server
 * accept `json_schema`; some older servers only know `json_object`; `none` sends nothing and relies
 * on the schema stated in the prompt. (Its own module so the config schema does not pull in the client.)
 */
export const STRUCTURED_OUTPUT_MODES = ['json_schema', 'json_object', 'none'] as const;
export type StructuredOutputMode = (typeof STRUCTURED_OUTPUT_MODES)[number];
