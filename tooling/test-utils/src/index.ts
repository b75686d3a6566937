export { type ReadmeExample, readmeExample, runReadmeExample } from "./readme-example.js";
