export * from "./fixed";
export * as fast from "./fast";
export * from "./transcendental";
export * from "./wide";
export * from "./vector";
export * from "./sparse";
export * from "./dense";
